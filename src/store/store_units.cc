// Units as the commission names them: spelling variants mapped to official
// names, expected headcounts, each run's check of them, and coverage over
// the latest runs. Every change is audited in the transaction that makes it.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "qinglian/base/clock.h"
#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {

std::string PostingsColumn(const std::vector<Posting>& postings) {
  if (postings.empty()) return "";
  nlohmann::json j = nlohmann::json::array();
  for (const Posting& p : postings)
    j.push_back({{"unit", p.unit},
                 {"department", p.department},
                 {"position", p.position},
                 {"hire_date", p.hire_date.Iso()},
                 {"leave_date", p.leave_date.Iso()},
                 {"file", p.file},
                 {"line", p.line}});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<Posting> PostingsOf(const std::string& column) {
  std::vector<Posting> out;
  if (column.empty()) return out;
  const nlohmann::json j = nlohmann::json::parse(column, nullptr, false);
  if (!j.is_array()) return out;
  const auto text = [](const nlohmann::json& o, const char* k) {
    const auto it = o.find(k);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const nlohmann::json& o : j) {
    if (!o.is_object()) continue;
    Posting p;
    p.unit = text(o, "unit");
    p.department = text(o, "department");
    p.position = text(o, "position");
    p.hire_date = DateOf(text(o, "hire_date"));
    p.leave_date = DateOf(text(o, "leave_date"));
    p.file = text(o, "file");
    const auto line = o.find("line");
    if (line != o.end() && line->is_number_unsigned()) p.line = line->get<uint32_t>();
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<UnitAlias>> Store::UnitAliases() {
  Result<sql::Stmt> s =
      db_->Prepare("SELECT variant, unit, set_at, actor FROM unit_aliases ORDER BY unit, variant");
  if (!s.ok()) return s.status();
  std::vector<UnitAlias> out;
  while (s->Step()) out.push_back({s->Text(0), s->Text(1), s->Text(2), s->Text(3)});
  if (!s->status().ok()) return s->status();
  return out;
}

Status Store::SetUnitAlias(const std::string& variant, const std::string& unit, AuditEntry* audit) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<std::vector<UnitAlias>> aliases = UnitAliases();
  if (!aliases.ok()) return aliases.status();
  std::vector<UnitAlias> others;
  std::string was;
  for (const UnitAlias& a : *aliases) {
    if (a.variant == variant)
      was = a.unit;
    else
      others.push_back(a);
  }
  if (Status s = CheckUnitAlias(variant, unit, others); !s.ok()) return s;
  Result<sql::Stmt> put = db_->Prepare(
      "INSERT INTO unit_aliases (variant, unit, set_at, actor) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (variant) DO UPDATE SET unit = excluded.unit, set_at = excluded.set_at, "
      "actor = excluded.actor");
  if (!put.ok()) return put.status();
  put->Bind(1, variant).Bind(2, unit).Bind(3, NowUtc()).Bind(4, audit->actor);
  if (Status s = put->Run(); !s.ok()) return s;
  audit->touched =
      "unit alias " + variant + " -> " + unit + (was.empty() ? "" : " (was " + was + ")");
  if (Status s = InsertAudit(audit); !s.ok()) return s;
  return t.Commit();
}

Result<std::vector<UnitExpectation>> Store::UnitExpectations() {
  Result<sql::Stmt> s = db_->Prepare("SELECT unit, expected FROM unit_expectations ORDER BY unit");
  if (!s.ok()) return s.status();
  std::vector<UnitExpectation> out;
  while (s->Step()) out.push_back({s->Text(0), static_cast<uint64_t>(s->Int(1)), 0});
  if (!s->status().ok()) return s->status();
  return out;
}

Status Store::SetUnitExpectation(const std::string& unit, uint64_t expected, AuditEntry* audit) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<sql::Stmt> put =
      expected == 0
          ? db_->Prepare("DELETE FROM unit_expectations WHERE unit = ?1")
          : db_->Prepare(
                "INSERT INTO unit_expectations (unit, expected, set_at, actor) VALUES (?1, ?2, "
                "?3, ?4) ON CONFLICT (unit) DO UPDATE SET expected = excluded.expected, set_at = "
                "excluded.set_at, actor = excluded.actor");
  if (!put.ok()) return put.status();
  put->Bind(1, unit);
  if (expected)
    put->Bind(2, static_cast<int64_t>(expected)).Bind(3, NowUtc()).Bind(4, audit->actor);
  if (Status s = put->Run(); !s.ok()) return s;
  audit->touched = expected ? fmt::format("unit {} expects {} persons", unit, expected)
                            : "unit " + unit + ": no expected headcount";
  if (Status s = InsertAudit(audit); !s.ok()) return s;
  return t.Commit();
}

Status Store::InsertRunExpectations(int64_t run, const std::vector<UnitExpectation>& expectations) {
  Result<sql::Stmt> put = db_->Prepare(
      "INSERT INTO run_expectations (run_id, unit, expected, found) VALUES (?1, ?2, ?3, ?4)");
  if (!put.ok()) return put.status();
  for (const UnitExpectation& e : expectations) {
    put->Bind(1, run)
        .Bind(2, e.unit)
        .Bind(3, static_cast<int64_t>(e.expected))
        .Bind(4, static_cast<int64_t>(e.found));
    if (Status s = put->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::vector<UnitExpectation>> Store::RunExpectations(int64_t run) {
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT unit, expected, found FROM run_expectations WHERE run_id = CASE WHEN ?1 > 0 THEN ?1 "
      "ELSE (SELECT max(id) FROM runs WHERE status = 'ok') END ORDER BY unit");
  if (!s.ok()) return s.status();
  s->Bind(1, run);
  std::vector<UnitExpectation> out;
  while (s->Step())
    out.push_back({s->Text(0), static_cast<uint64_t>(s->Int(1)), static_cast<uint64_t>(s->Int(2))});
  if (!s->status().ok()) return s->status();
  return out;
}

Result<UnitHistory> Store::UnitCoverage(size_t runs) {
  UnitHistory h;
  Result<sql::Stmt> ids =
      db_->Prepare("SELECT id FROM runs WHERE status = 'ok' ORDER BY id DESC LIMIT ?1");
  if (!ids.ok()) return ids.status();
  ids->Bind(1, static_cast<int64_t>(runs));
  while (ids->Step()) h.runs.push_back(ids->Int(0));
  if (!ids->status().ok()) return ids->status();
  std::map<std::string, UnitHistory::Row> rows;
  const auto row = [&](const std::string& unit) -> UnitHistory::Row& {
    UnitHistory::Row& r = rows[unit];
    if (r.unit.empty()) {
      r.unit = unit;
      r.coverage.assign(h.runs.size(), CoverageRecord{unit, 0, 0});
      for (CoverageRecord& c : r.coverage) c.records = c.persons = UnitHistory::kNotSeen;
    }
    return r;
  };
  // Coverage stored before an alias was made names the variant: it counts
  // for the official name.
  Result<std::vector<UnitAlias>> aliases = UnitAliases();
  if (!aliases.ok()) return aliases.status();
  Result<sql::Stmt> cov =
      db_->Prepare("SELECT unit, records, persons FROM coverage WHERE run_id = ?1");
  if (!cov.ok()) return cov.status();
  for (size_t i = 0; i < h.runs.size(); ++i) {
    cov->Bind(1, h.runs[i]);
    while (cov->Step()) {
      CoverageRecord& c = row(OfficialUnit(cov->Text(0), *aliases)).coverage[i];
      if (c.persons == UnitHistory::kNotSeen) c.records = c.persons = 0;
      c.records += static_cast<uint64_t>(cov->Int(1));
      c.persons += static_cast<uint64_t>(cov->Int(2));
    }
    if (!cov->status().ok()) return cov->status();
    cov->Reset();
  }
  Result<std::vector<UnitExpectation>> expected = UnitExpectations();
  if (!expected.ok()) return expected.status();
  for (const UnitExpectation& e : *expected) row(e.unit).expected = e.expected;
  for (auto& [unit, r] : rows) h.units.push_back(std::move(r));
  return h;
}

}  // namespace qinglian

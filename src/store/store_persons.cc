// Persons with leads: SQL picks the leads that count and the persons to show
// (every parameter bound), and reads each person's leads in date order; the
// aggregates are taken here in one pass, so that the order of units and
// types does not rest on an order SQLite's group_concat does not promise.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {
namespace {

void AddOnce(std::vector<std::string>* items, const std::string& item) {
  if (std::find(items->begin(), items->end(), item) == items->end()) items->push_back(item);
}

}  // namespace

Result<std::vector<PersonSummary>> Store::Persons(const PersonQuery& q) {
  Result<sql::Stmt> s = db_->Prepare(
      "WITH counted AS (SELECT id, id_number, name, unit, type, status, offence_date FROM leads "
      "WHERE (?2 = '[]' OR type IN (SELECT value FROM json_each(?2))) AND (?3 = '' OR status = ?3) "
      "AND (?4 = '' OR id_number = ?4)), "
      "chosen AS (SELECT id_number FROM counted GROUP BY id_number "
      "HAVING (?1 = '' OR sum(unit = ?1) > 0) AND count(*) >= ?5) "
      "SELECT id, id_number, name, unit, type, status, offence_date FROM counted "
      "WHERE id_number IN (SELECT id_number FROM chosen) ORDER BY id_number, offence_date, id");
  if (!s.ok()) return s.status();
  s->Bind(1, q.unit)
      .Bind(2, nlohmann::json(q.types).dump())
      .Bind(3, StatusColumn(q.status))
      .Bind(4, q.id_number)
      .Bind(5, q.min_leads);
  std::vector<PersonSummary> persons;
  while (s->Step()) {
    const std::string id_number = s->Text(1);
    if (persons.empty() || persons.back().id_number != id_number) {
      persons.emplace_back();
      persons.back().id_number = id_number;
    }
    PersonSummary& p = persons.back();
    p.lead_ids.push_back(s->Int(0));
    p.name = s->Text(2);  // the latest lead's, once the last is read
    AddOnce(&p.units, s->Text(3));
    AddOnce(&p.types, s->Text(4));
    ++p.statuses[static_cast<size_t>(StatusOf(s->Text(5)))];
    const Date date = DateOf(s->Text(6));
    if (!p.first_date.valid()) p.first_date = date;
    p.last_date = date;
  }
  if (!s->status().ok()) return s->status();
  std::stable_sort(persons.begin(), persons.end(),
                   [](const PersonSummary& a, const PersonSummary& b) {
                     if (a.leads() != b.leads()) return a.leads() > b.leads();
                     return a.last_date > b.last_date;
                   });
  return persons;
}

Result<std::vector<PersonName>> Store::PersonNames() {
  Result<sql::Stmt> s =
      db_->Prepare("SELECT DISTINCT id_number, name FROM leads ORDER BY id_number, name");
  if (!s.ok()) return s.status();
  std::vector<PersonName> names;
  while (s->Step()) names.push_back({s->Text(0), s->Text(1)});
  if (!s->status().ok()) return s->status();
  return names;
}

}  // namespace qinglian

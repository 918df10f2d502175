#include "qinglian/store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "qinglian/base/text.h"
#include "qinglian/core/units.h"
#include "store/sqlite.h"
#include "test_util.h"

namespace qinglian {
namespace {

LeadEvidence Evidence(const std::string& key, const std::string& unit, const std::string& type,
                      const std::string& date) {
  LeadEvidence e;
  e.key = key;
  e.model = type == "gambling" ? "soe_vice" : "soe_drink_driving";
  e.type = type;
  e.id_number = "430102198001019016";
  e.name = e.offence_name = "张三";
  e.unit = unit;
  e.offence_date = *ParseDate(date);
  e.case_no = "case-" + key;
  e.bac = type == "gambling" ? kNoBac : 853;
  e.employee_file = "employees.csv";
  e.employee_line = 2;
  e.offence_file = "offences.csv";
  e.offence_line = 7;
  return e;
}

RunWrite SampleRun() {
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-01T00:00:00Z";
  w.run.as_of = "2024-12-31";
  w.run.models = {"soe_drink_driving", "soe_vice"};
  w.run.actor = "tester";
  w.run.sources.push_back(
      {"employees", "employees.csv", 100, std::string(64, 'a'), "csv", "utf-8", 10, 9, 1, 0, {}});
  w.coverage = {{"城投", 6, 5}, {"水务", 3, 3}};
  w.leads = {Evidence("k1", "城投", "drunk_driving", "2023-01-05"),
             Evidence("k2", "水务", "gambling", "2021-07-01"),
             Evidence("k3", "城投", "drink_driving", "2024-02-02")};
  return w;
}

// A run of 2 January 2025 with a drunk-driving lead of 2023 (keys k0, k1, …)
// for each ID number in `persons`, in `unit`.
RunWrite DrunkDrivingRun(const std::vector<std::string>& persons, const std::string& unit) {
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-02T03:04:05Z";
  w.run.as_of = "2024-12-31";
  w.run.actor = "t";
  for (size_t i = 0; i < persons.size(); ++i) {
    LeadEvidence e;
    e.key = "k" + std::to_string(i);
    e.model = "soe_drink_driving";
    e.type = "drunk_driving";
    e.id_number = persons[i];
    e.unit = unit;
    e.offence_date = *ParseDate("2023-01-01");
    w.leads.push_back(e);
  }
  return w;
}

std::string Ids(const Result<std::vector<StoredLead>>& leads) {
  REQUIRE(leads.ok());
  std::vector<std::string> keys;
  for (const StoredLead& l : *leads) keys.push_back(l.evidence.key);
  return Join(keys, " ");
}

int64_t Count(const std::string& db, const std::string& table) {
  auto d = sql::Db::Open(db, false);
  REQUIRE(d.ok());
  return (*d)->QueryInt("SELECT count(*) FROM " + table)->value_or(-1);
}

TEST_CASE("Store creates an owner-only file at the current schema version", "[store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == kSchemaVersion);
  struct stat st {};
  REQUIRE(::stat((dir / "q.db").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(Store::Open(dir / "missing.db", false).error() ==
        dir / "missing.db" + ": no such database (run 'qinglian run' first, or give --db)");
}

TEST_CASE("A store takes no global lock to count SQLite's allocations", "[store]") {
  // Counting them locks a process-wide mutex on every allocation, which
  // writing leads does thousands of times a second.
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w = SampleRun();
  REQUIRE((*store)->WriteRun(&w, nullptr).ok());
  CHECK(sqlite3_memory_used() == 0);
}

TEST_CASE("Store records a run again without new leads: nightly runs are idempotent", "[store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite first = SampleRun();
  REQUIRE((*store)->WriteRun(&first).ok());
  CHECK(first.run.id == 1);
  CHECK(first.run.leads_new == 3);
  CHECK(first.run.leads_seen == 0);
  RunWrite second = SampleRun();
  second.leads.push_back(Evidence("k4", "水务", "drugs", "2024-03-03"));
  REQUIRE((*store)->WriteRun(&second).ok());
  CHECK(second.run.leads_new == 1);
  CHECK(second.run.leads_seen == 3);

  auto all = (*store)->Leads({});
  REQUIRE(all.ok());
  REQUIRE(all->size() == 4);
  CHECK((*all)[0].first_run == 1);
  CHECK((*all)[0].last_run == 2);
  CHECK((*all)[0].status == LeadStatus::kNew);
  CHECK((*all)[0].evidence.bac == 853);
  CHECK((*all)[1].evidence.bac == kNoBac);
  CHECK((*all)[3].first_run == 2);
  LeadQuery latest;
  latest.created_in_latest_run = true;
  CHECK(Ids((*store)->Leads(latest)) == "k4");
  LeadQuery run1;
  run1.run = 1;
  CHECK(Ids((*store)->Leads(run1)) == "k1 k2 k3");
  CHECK(Count(dir / "q.db", "lead_events") ==
        4);  // one "found" event per lead, none for seeing it again

  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 2);
  CHECK((*runs)[1].leads_new == 1);
  CHECK((*runs)[1].sources.at(0).path == "employees.csv");
}

TEST_CASE("Store filters leads by unit, type, status, dates and limit", "[store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w = SampleRun();
  REQUIRE((*store)->WriteRun(&w).ok());
  LeadQuery q;
  q.unit = "城投";
  CHECK(Ids((*store)->Leads(q)) == "k1 k3");
  q = {};
  q.types = {"gambling"};
  CHECK(Ids((*store)->Leads(q)) == "k2");
  q = {};
  q.status = LeadStatus::kClosed;
  CHECK(Ids((*store)->Leads(q)).empty());
  q = {};
  q.since = Date::FromYmd(2023, 1, 5);
  CHECK(Ids((*store)->Leads(q)) == "k1 k3");
  q.until = Date::FromYmd(2023, 12, 31);
  CHECK(Ids((*store)->Leads(q)) == "k1");
  q = {};
  q.limit = 2;
  CHECK(Ids((*store)->Leads(q)) == "k1 k2");
  auto units = (*store)->Units();
  REQUIRE(units.ok());
  CHECK(*units == std::vector<std::string>{"城投", "水务"});
}

TEST_CASE("MatchUnit takes a unique part of a name and lists the choices otherwise", "[store]") {
  const std::vector<std::string> units = {"怀化市水务集团有限公司",
                                          "怀化市城市建设投资集团有限公司"};
  CHECK(*MatchUnit("水务", units) == "怀化市水务集团有限公司");
  CHECK(*MatchUnit("怀化市水务集团有限公司", units) == "怀化市水务集团有限公司");
  CHECK(MatchUnit("集团", units).error() ==
        "several units match '集团' (怀化市水务集团有限公司, 怀化市城市建设投资集团有限公司)");
  CHECK(MatchUnit("交投", units).error() ==
        "no unit matches '交投' (units: 怀化市水务集团有限公司, 怀化市城市建设投资集团有限公司)");
}

TEST_CASE("A run that fails half-way leaves the store as it was", "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  {
    auto store = Store::Open(db, true);
    REQUIRE(store.ok());
    RunWrite w = SampleRun();
    REQUIRE((*store)->WriteRun(&w).ok());
  }
  {
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    REQUIRE((*raw)
                ->Exec("CREATE TRIGGER boom BEFORE INSERT ON leads WHEN NEW.unit = 'boom' "
                       "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
                .ok());
  }
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  RunWrite w = SampleRun();
  w.leads.insert(w.leads.begin(), Evidence("k9", "水务", "drugs", "2024-01-01"));
  w.leads.push_back(Evidence("k10", "boom", "drugs", "2024-01-01"));
  const Status s = (*store)->WriteRun(&w);
  CHECK(s.message() == db + ": disk on fire");
  CHECK(Count(db, "runs") == 1);
  CHECK(Count(db, "leads") == 3);
  CHECK(Count(db, "coverage") == 2);
  CHECK(Count(db, "lead_runs") == 3);

  // The same with room for a larger cache while the run is written: the same
  // error, the store as it was, and then a run that is written.
  RunWrite big = SampleRun();
  big.cache_bytes = 256u << 20;
  big.leads.push_back(Evidence("k10", "boom", "drugs", "2024-01-01"));
  CHECK((*store)->WriteRun(&big).message() == db + ": disk on fire");
  CHECK(Count(db, "runs") == 1);
  CHECK(Count(db, "lead_runs") == 3);
  RunWrite next = SampleRun();
  next.cache_bytes = 256u << 20;
  REQUIRE((*store)->WriteRun(&next).ok());
  CHECK(next.run.leads_seen == 3);
  CHECK(Count(db, "runs") == 2);
  CHECK(Count(db, "lead_runs") == 6);
}

TEST_CASE("Store records a failed run and nothing else", "[store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRecord r;
  r.started_at = r.finished_at = "2025-01-01T00:00:00Z";
  r.as_of = "2024-12-31";
  r.models = {"soe_vice"};
  r.actor = "tester";
  r.message = "offences.csv: 62.0% of rows rejected (limit 5.0%); see the rejects file";
  REQUIRE((*store)->WriteFailedRun(&r).ok());
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  CHECK((*runs)[0].status == RunStatus::kFailed);
  CHECK((*runs)[0].message == r.message);
  CHECK(Count(dir / "q.db", "leads") == 0);
}

TEST_CASE("Store migrates a version 1 database and keeps its leads", "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "old.db";
  {
    auto old = Store::Open(db, true, 1);
    REQUIRE(old.ok());
    CHECK((*old)->schema_version() == 1);
  }
  {
    // What a version 1 program wrote: two runs and a lead seen by both.
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    REQUIRE((*raw)
                ->Exec("INSERT INTO runs (id, started_at, finished_at, status, as_of, models, "
                       "actor) VALUES "
                       "(1, 't', 't', 'ok', '2024-12-31', 'soe_vice', 'a'), (2, 't', 't', 'ok', "
                       "'2024-12-31', 'soe_vice', 'a');"
                       "INSERT INTO leads (lead_key, model, type, id_number, name, offence_name, "
                       "name_matches, unit, department, "
                       "position, category, hire_date, leave_date, employee_file, employee_line, "
                       "label, offence_date, place, penalty, "
                       "case_no, authority, offence_file, offence_line, first_run, last_run, "
                       "created_at) VALUES ('k', 'soe_vice', "
                       "'drugs', '430102198001019016', '张三', '张三', 1, '城投', '', '', '', "
                       "'2010-01-01', '', 'e.csv', 2, '吸毒', "
                       "'2023-01-01', '', '', 'c1', '', 'o.csv', 3, 1, 2, 't')")
                .ok());
  }
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == kSchemaVersion);
  LeadQuery q;
  q.run = 1;
  CHECK(Ids((*store)->Leads(q)) == "k");
  q.run = 2;
  CHECK(Ids((*store)->Leads(q)) == "k");
  CHECK(Count(db, "lead_runs") == 2);
}

// Each index a run's leads pay for on every insert: only those a query uses.
TEST_CASE("A version 13 store loses the leads' unused indexes and keeps its leads", "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "old.db";
  const auto indexes = [&db] {
    return Count(db,
                 "sqlite_master WHERE type = 'index' AND tbl_name = 'leads' AND name IN "
                 "('leads_type', 'leads_status', 'leads_unit', 'leads_model')");
  };
  {
    auto old = Store::Open(db, true, 13);
    REQUIRE(old.ok());
    RunWrite w = SampleRun();
    REQUIRE((*old)->WriteRun(&w).ok());
  }
  CHECK(indexes() == 4);
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == 14);
  CHECK(indexes() == 2);  // by unit and by model
  CHECK(Ids((*store)->Leads({})) == "k1 k2 k3");
  CHECK((*store)->VerifyAudit()->problem.empty());
  auto fresh = Store::Open(dir / "new.db", true);
  REQUIRE(fresh.ok());
  CHECK(Count(dir / "new.db", "sqlite_master WHERE name IN ('leads_type', 'leads_status')") == 0);
}

TEST_CASE("Store refuses files that are not its own", "[store]") {
  testing::TempDir dir;
  {
    auto raw = sql::Db::Open(dir / "newer.db", true);
    REQUIRE(raw.ok());
    REQUIRE((*raw)->Exec("PRAGMA user_version = 99").ok());
  }
  CHECK(Store::Open(dir / "newer.db", false).error() ==
        dir / "newer.db" + ": schema version 99 is newer than this program's (" +
            std::to_string(kSchemaVersion) + "); upgrade qinglian");
  {
    auto raw = sql::Db::Open(dir / "other.db", true);
    REQUIRE(raw.ok());
    REQUIRE((*raw)->Exec("CREATE TABLE customers (id INTEGER)").ok());
  }
  CHECK(Store::Open(dir / "other.db", false).error() ==
        dir / "other.db" + ": not a qinglian database (it has other tables)");
  testing::WriteFile(dir / "junk.db", std::string(4096, 'x'));
  CHECK(Store::Open(dir / "junk.db", false).error() ==
        dir / "junk.db" + ": the file is not a qinglian database or is corrupt");
}

TEST_CASE("Store refuses a negative schema version by name instead of crashing", "[store]") {
  testing::TempDir dir;
  {
    auto raw = sql::Db::Open(dir / "neg.db", true);
    REQUIRE(raw.ok());
    REQUIRE((*raw)->Exec("PRAGMA user_version = -1").ok());
  }
  CHECK(Store::Open(dir / "neg.db", false).error() ==
        dir / "neg.db" + ": schema version -1 is not a qinglian schema version (1 to " +
            std::to_string(kSchemaVersion) + ")");
  StoreOptions read;
  read.access = StoreAccess::kRead;
  CHECK(Store::Open(dir / "neg.db", read).error() ==
        dir / "neg.db" + ": schema version -1 is not a qinglian schema version (1 to " +
            std::to_string(kSchemaVersion) + ")");
}

// Swaps the first two children of a table's root page: every row stays in
// the file, but a lookup by id lands on the wrong leaf and finds nothing.
void SwapRootChildren(const std::string& db, const std::string& table) {
  int64_t root = 0, page_size = 0;
  {
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    auto stmt = (*raw)->Prepare("SELECT rootpage FROM sqlite_master WHERE name = ?1");
    REQUIRE(stmt.ok());
    stmt->Bind(1, table);
    REQUIRE(stmt->Step());
    root = stmt->Int(0);
    page_size = (*raw)->QueryInt("PRAGMA page_size")->value_or(0);
  }
  std::string bytes = testing::ReadFile(db);
  const size_t base = static_cast<size_t>((root - 1) * page_size);
  REQUIRE(static_cast<unsigned char>(bytes[base]) == 5);  // an interior table page
  const auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<unsigned char>(bytes[at]) << 8 |
                               static_cast<unsigned char>(bytes[at + 1]));
  };
  REQUIRE(u16(base + 3) >= 2);
  const size_t first = base + u16(base + 12), second = base + u16(base + 14);
  for (size_t k = 0; k < 4; ++k) std::swap(bytes[first + k], bytes[second + k]);
  testing::WriteFile(db, bytes);
}

TEST_CASE("A corrupt page is reported as an error with the path, not as a missing lead",
          "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  {
    auto store = Store::Open(db, true);
    REQUIRE(store.ok());
    RunWrite w = SampleRun();
    w.leads.clear();
    for (int i = 0; i < 400; ++i) {
      w.leads.push_back(Evidence("key-" + std::to_string(i), "城投", "drugs", "2024-01-01"));
      w.leads.back().place = std::string(200, 'p');
    }
    REQUIRE((*store)->WriteRun(&w).ok());
    CHECK((*store)->Lead(5).ok());
    CHECK((*store)->Lead(401).error() == "no lead 401");
  }
  SwapRootChildren(db, "leads");
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  const std::string err = (*store)->Lead(5).error();
  CHECK(err.starts_with(db + ": the database is corrupt ("));
  CHECK(err.find("out of order") != std::string::npos);
}

TEST_CASE("SQLite errors name the database once", "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  auto store = Store::Open(db, true);
  REQUIRE(store.ok());
  {
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    REQUIRE((*raw)
                ->Exec("CREATE TRIGGER boom BEFORE INSERT ON runs "
                       "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
                .ok());
  }
  RunWrite w = SampleRun();
  CHECK((*store)->WriteRun(&w).message() == db + ": disk on fire");
  std::filesystem::create_directory(dir / "folder.db");
  CHECK(Store::Open(dir / "folder.db", false).error() ==
        dir / "folder.db" + ": is a folder, not a database");
}

TEST_CASE("A reader is not held up by a writer's transaction, and its audit entry waits",
          "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  {
    auto store = Store::Open(db, true);
    REQUIRE(store.ok());
    RunWrite w = SampleRun();
    REQUIRE((*store)->WriteRun(&w).ok());
  }
  // A second connection holds the write lock, as a run's store phase does.
  auto writer = sql::Db::Open(db, false);
  REQUIRE(writer.ok());
  sql::Transaction held(**writer);
  REQUIRE(held.Begin().ok());
  StoreOptions read;
  read.access = StoreAccess::kRead;
  const auto start = std::chrono::steady_clock::now();
  auto store = Store::Open(db, read);
  REQUIRE(store.ok());
  CHECK(Ids((*store)->Leads({})) == "k1 k2 k3");
  auto events = (*store)->Events(1);
  REQUIRE(events.ok());
  CHECK(events->size() == 1);
  AuditEntry e;
  e.actor = "tester";
  e.command = "leads";
  e.args = "[]";
  CHECK((*store)->AppendAudit(&e, 100).message() ==
        db + ": the database is locked by another process");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  REQUIRE(held.Commit().ok());
  CHECK((*store)->AppendAudit(&e, 100).ok());
}

// The store of the end-to-end tests: three leads from the fixtures.
std::string MakeCliStore(const std::string& db) {
  const auto r = testing::RunCli("--db '" + db + "' run --employees '" +
                                 testing::TestData("loader/employees_utf8.csv") + "' --offences '" +
                                 testing::TestData("loader/offences_a.csv") +
                                 "' --as-of 2024-12-31 --max-reject-rate 0.5");
  REQUIRE(r.exit_code == 0);
  return "--db '" + db + "' ";
}

TEST_CASE("qinglian leads reads while a run holds the write lock", "[store][cli]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  const std::string q = MakeCliStore(db);
  auto writer = sql::Db::Open(db, false);
  REQUIRE(writer.ok());
  sql::Transaction held(**writer);
  REQUIRE(held.Begin().ok());
  // A masked read does not wait for the run: it prints, and says its entry
  // could not be written.
  const auto start = std::chrono::steady_clock::now();
  const auto masked = testing::RunCli(q + "leads --format json");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(6));
  CHECK(masked.exit_code == 0);
  CHECK(masked.out.find("430102********9016") != std::string::npos);
  CHECK(masked.err == "warning: " + db +
                          ": the database is locked by another process: this read is not in the "
                          "audit trail\n");
  // An unmasked read waits for the lock to go, then logs, then prints.
  std::thread release([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(held.Commit().ok());
  });
  const auto unmasked = testing::RunCli(q + "leads --unmask --reason 核查 --format csv");
  release.join();
  CHECK(unmasked.exit_code == 0);
  CHECK(unmasked.err.empty());
  CHECK(unmasked.out.find("430102198001019016") != std::string::npos);
  const auto audit = testing::RunCli(q + "audit");
  CHECK(audit.out.find("3 leads, ID numbers unmasked") != std::string::npos);
  CHECK(audit.out.find("leads     3 leads  [") == std::string::npos);
}

// Runs a command as another user where the tests run as root, for whom
// every file is writable.
std::string AsOther() {
  return ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
}

std::vector<std::string> FolderEntries(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

void ChecksOnReadOnlyStore(const std::string& db, const std::string& why) {
  const std::string q = "--db '" + db + "' ";
  const auto folder = std::filesystem::path(db).parent_path();
  const std::vector<std::string> before = FolderEntries(folder);
  const std::string unlogged =
      "warning: " + db + ": the store is read-only: this read is not in the audit trail\n";
  for (const char* command : {"leads", "show 1", "report"}) {
    INFO(command);
    const auto r = testing::RunCli(q + command, AsOther());
    CHECK(r.exit_code == 0);
    CHECK(r.err == unlogged);
    CHECK_FALSE(r.out.empty());
  }
  const auto runs = testing::RunCli(q + "runs", AsOther());
  CHECK(runs.exit_code == 0);
  CHECK(runs.out.find("\n   1  ") != std::string::npos);
  const auto verify = testing::RunCli(q + "audit verify", AsOther());
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.starts_with("audit trail intact: 1 entries"));
  const auto unmask = testing::RunCli(q + "leads --unmask --reason 核查", AsOther());
  CHECK(unmask.exit_code == 1);
  CHECK(unmask.err == "qinglian: " + db +
                          ": the store is read-only: cannot write the audit entry, and full ID "
                          "numbers are shown only when their use is in the audit trail\n");
  CHECK(unmask.out.empty());
  const auto dispose = testing::RunCli(q + "dispose 1 --status transferred", AsOther());
  CHECK(dispose.exit_code == 1);
  CHECK(dispose.err == "qinglian: " + db + ": cannot write the store: " + why + "\n");
  CHECK(FolderEntries(folder) == before);
}

TEST_CASE("Reading commands work on a store in a read-only folder or file, leaving nothing",
          "[store][cli]") {
  testing::TempDir dir;
  const auto folder = dir.path() / "store";
  std::filesystem::create_directory(folder);
  const std::string db = (folder / "q.db").string();
  MakeCliStore(db);
  if (::geteuid() == 0)
    REQUIRE(std::system(("chown -R 65534:65534 '" + folder.string() + "'").c_str()) == 0);
  namespace fs = std::filesystem;
  SECTION("read-only folder") {
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
    ChecksOnReadOnlyStore(db, "its folder is read-only (Permission denied)");
  }
  SECTION("read-only file") {
    fs::permissions(db, fs::perms::owner_read);
    ChecksOnReadOnlyStore(db, "the file is read-only (Permission denied)");
  }
  fs::permissions(folder, fs::perms::owner_all);
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
  // Nothing left behind blocks the next run.
  const auto again = testing::RunCli(MakeCliStore(db) + "runs", AsOther());
  CHECK(again.exit_code == 0);
}

// What each model of each run did, one line per model.
std::string RenderModelRuns(const std::vector<RunRecord>& runs) {
  std::string out;
  for (const RunRecord& r : runs)
    for (const ModelRun& m : r.model_runs)
      out += fmt::format("{} {} {}/{} {} records={} candidates={} new={} seen={} amounts={} {}\n",
                         r.id, m.model, m.title_zh, m.title_en, m.events_kind, m.records,
                         m.candidates, m.leads_new, m.leads_seen, m.amounts ? 1 : 0,
                         m.ran() ? "ran" : "skipped: " + m.skipped);
  return out;
}

std::vector<ModelRun> SampleModelRuns() {
  return {{"soe_drink_driving", "酒驾", "drink", "offences", 40, 5, 0, 0, false, ""},
          {"soe_vice", "黄赌毒", "vice", "offences", 40, 2, 0, 0, false, ""},
          {"subsidy_while_employed", "低保", "subsidy", "subsidies", 0, 0, 0, 0, true,
           "no input of kind subsidies"}};
}

TEST_CASE("Store keeps what each model of a run compared and found, new and seen again",
          "[store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite first = SampleRun();
  first.run.model_runs = SampleModelRuns();
  REQUIRE((*store)->WriteRun(&first).ok());
  CHECK(first.run.model_runs[0].leads_new == 2);
  RunWrite second = SampleRun();
  second.run.model_runs = SampleModelRuns();
  second.leads.erase(second.leads.begin());  // k1 is not seen again
  second.leads.push_back(Evidence("k4", "水务", "gambling", "2024-03-03"));
  REQUIRE((*store)->WriteRun(&second).ok());
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  CHECK(RenderModelRuns(*runs) ==
        "1 soe_drink_driving 酒驾/drink offences records=40 candidates=5 new=2 seen=0 amounts=0 "
        "ran\n"
        "1 soe_vice 黄赌毒/vice offences records=40 candidates=2 new=1 seen=0 amounts=0 ran\n"
        "1 subsidy_while_employed 低保/subsidy subsidies records=0 candidates=0 new=0 seen=0 "
        "amounts=1 skipped: no input of kind subsidies\n"
        "2 soe_drink_driving 酒驾/drink offences records=40 candidates=5 new=0 seen=1 amounts=0 "
        "ran\n"
        "2 soe_vice 黄赌毒/vice offences records=40 candidates=2 new=1 seen=1 amounts=0 ran\n"
        "2 subsidy_while_employed 低保/subsidy subsidies records=0 candidates=0 new=0 seen=0 "
        "amounts=1 skipped: no input of kind subsidies\n");
}

TEST_CASE("Store keeps the models a refused run skipped", "[store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRecord r;
  r.started_at = r.finished_at = "2025-01-01T00:00:00Z";
  r.as_of = "2024-12-31";
  r.actor = "tester";
  r.message = "offences.csv: 62.0% of rows rejected (limit 5.0%); see the rejects file";
  r.model_runs = {SampleModelRuns()[2]};
  REQUIRE((*store)->WriteFailedRun(&r).ok());
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  CHECK(RenderModelRuns(*runs) ==
        "1 subsidy_while_employed 低保/subsidy subsidies records=0 candidates=0 new=0 seen=0 "
        "amounts=1 skipped: no input of kind subsidies\n");
}

TEST_CASE("Store migrates a version 7 database: its runs have no model figures", "[store]") {
  testing::TempDir dir;
  const std::string db = dir / "old.db";
  {
    // A run as a version 7 program wrote it.
    REQUIRE(Store::Open(db, true, 7).ok());
    auto d = sql::Db::Open(db, false);
    REQUIRE(d.ok());
    REQUIRE((*d)->Exec("INSERT INTO runs (started_at, finished_at, status, as_of, models, actor) "
                       "VALUES ('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'ok', "
                       "'2024-12-31', 'soe_vice', 'tester')")
                .ok());
  }
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == kSchemaVersion);
  CHECK(Count(db, "run_models") == 0);
  RunWrite w = SampleRun();
  w.run.model_runs = SampleModelRuns();
  REQUIRE((*store)->WriteRun(&w).ok());
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 2);
  CHECK(runs->at(0).model_runs.empty());
  CHECK(runs->at(1).model_runs.size() == 3);
  CHECK(runs->at(1).model_runs[1].leads_new == 1);  // k2, new: the old run found no lead
  CHECK(runs->at(1).model_runs[1].leads_seen == 0);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// The store the schema 7 program wrote (tests/data/README.md), brought to
// schema 10 as the program of that schema did.
std::string SchemaTenStore(const testing::TempDir& dir) {
  const std::string db = dir / "old.db";
  std::filesystem::copy_file(testing::TestData("store/closed_leads_v7.db"), db);
  StoreOptions o;
  o.version = 10;
  auto old = Store::Open(db, o);
  REQUIRE(old.ok());
  REQUIRE((*old)->schema_version() == 10);
  auto check = (*old)->VerifyAudit();
  REQUIRE(check.ok());
  REQUIRE(check->intact());
  return db;
}

std::string Column(const std::string& db, const std::string& sql) {
  auto raw = sql::Db::Open(db, false);
  REQUIRE(raw.ok());
  auto s = (*raw)->Prepare(sql);
  REQUIRE(s.ok());
  std::vector<std::string> values;
  while (s->Step()) values.push_back(s->Text(0));
  return Join(values, "|");
}

Disposition Step(int64_t lead, LeadStatus status, OutcomeSet outcomes = {}, bool filed = false) {
  Disposition d;
  d.lead_id = lead;
  d.status = status;
  d.outcomes = outcomes;
  if (filed) d.case_filed = true;
  return d;
}

TEST_CASE(
    "Store migrates a schema 10 store with closed leads: the old outcomes mapped, the "
    "trail intact",
    "[store][dispose]") {
  testing::TempDir dir;
  const std::string db = SchemaTenStore(dir);
  CHECK(Column(db, "SELECT outcome FROM leads ORDER BY id") == "double_expulsion|removal|warning");
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == kSchemaVersion);
  CHECK(Column(db, "SELECT outcome FROM leads ORDER BY id") ==
        "party_expulsion,gov_dismissal|gov_removal|gov_warning");
  CHECK(Column(db, "SELECT outcome FROM lead_events WHERE outcome <> '' ORDER BY id") ==
        "party_expulsion,gov_dismissal|gov_removal|gov_warning");
  auto lead = (*store)->Lead(1);
  REQUIRE(lead.ok());
  CHECK(lead->outcomes == OutcomeSet{Outcome::kPartyExpulsion, Outcome::kGovDismissal});
  CHECK(lead->recovered_fen == 120000);
  auto check = (*store)->VerifyAudit();
  REQUIRE(check.ok());
  CHECK(check->problem == "");
  CHECK(check->events == 9);

  // The migrated leads go on through the workflow, and the trail stays intact.
  Disposition reopen;
  reopen.lead_id = 2;
  reopen.reopen = true;
  reopen.note = "本人申诉";
  REQUIRE((*store)
              ->Dispose({reopen, Step(2, LeadStatus::kClosed, {Outcome::kGovDemerit}, true)}, "t",
                        nullptr)
              .ok());
  auto events = (*store)->Events(2);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 5);
  CHECK((*events)[2].outcomes == OutcomeSet{Outcome::kGovRemoval});  // the old decision stays
  CHECK((*events)[3].from_status == LeadStatus::kClosed);
  CHECK((*events)[3].to_status == LeadStatus::kTransferred);
  CHECK((*events)[4].outcomes == OutcomeSet{Outcome::kGovDemerit});
  check = (*store)->VerifyAudit();
  REQUIRE(check.ok());
  CHECK(check->problem == "");
  // A hand edit of a migrated outcome is still caught.
  auto raw = sql::Db::Open(db, false);
  REQUIRE(raw.ok());
  REQUIRE((*raw)->Exec("UPDATE leads SET outcome = 'gov_warning' WHERE id = 1").ok());
  check = (*store)->VerifyAudit();
  REQUIRE(check.ok());
  CHECK(check->problem == "lead 1: its outcome does not match its history");
}

TEST_CASE(
    "The funnel no longer grows: a sanction without a case is refused, an old one counts "
    "as its case",
    "[store][report][dispose]") {
  testing::TempDir dir;
  const std::string db = SchemaTenStore(dir);
  // Under the old rules this store reported 2 cases filed and 3 sanctioned.
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  auto f = (*store)->Figures(0);
  REQUIRE(f.ok());
  const ReportFigures::Funnel& n = f->funnel;
  CHECK(std::vector<uint64_t>{n.leads, n.transferred, n.cases_filed, n.sanctioned} ==
        std::vector<uint64_t>{3, 3, f->lead_persons, f->lead_persons});
  CHECK(n.cases_filed >= n.sanctioned);

  // Today the same step is refused, and nothing changes.
  Disposition reopen;
  reopen.lead_id = 2;
  reopen.reopen = true;
  reopen.note = "复查";
  REQUIRE((*store)->Dispose({reopen}, "t", nullptr).ok());
  const Status refused =
      (*store)->Dispose({Step(2, LeadStatus::kClosed, {Outcome::kGovRemoval})}, "t", nullptr);
  CHECK(refused.message() ==
        "lead 2: gov_removal is a sanction (处分) and needs a filed case (立案); none is recorded "
        "on the lead");
  auto lead = (*store)->Lead(2);
  REQUIRE(lead.ok());
  CHECK(lead->status == LeadStatus::kTransferred);
}

TEST_CASE("The funnel's stages are each within the one before", "[store][report]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w = DrunkDrivingRun(
      {"430102198001019016", "430102198001019016", "431202197503159344", "431202197503159344",
       "430102199001011234", "430102199001011234", "110105194912310025", "110105194912310025"},
      "城投");
  w.run.hits = 9;
  REQUIRE((*store)->WriteRun(&w).ok());
  using O = Outcome;
  const auto T = LeadStatus::kTransferred;
  const auto C = LeadStatus::kClosed;
  REQUIRE((*store)
              ->Dispose({Step(1, T), Step(1, C, {O::kPartyExpulsion, O::kGovDismissal}, true),
                         Step(2, T), Step(2, C, {O::kGovRemoval}, true),     // the same person
                         Step(3, T, {}, true), Step(3, C, {O::kCriticism}),  // case, no sanction
                         Step(4, T), Step(4, C, {O::kAdmonishment, O::kTransferPost}), Step(5, T),
                         Step(5, C, {O::kUnfounded}), Step(6, T), Step(7, T),
                         Step(7, C, {O::kPartyProbation, O::kGovRemoval}, true)},
                        "t", nullptr)
              .ok());
  auto f = (*store)->Figures(0);
  REQUIRE(f.ok());
  const ReportFigures::Funnel& n = f->funnel;
  CHECK(std::vector<uint64_t>{n.hits, n.leads, n.transferred, n.cases_filed, n.sanctioned,
                              n.handled,
                              n.person_times} == std::vector<uint64_t>{9, 8, 7, 3, 2, 2, 5});
  CHECK(n.hits >= n.leads);
  CHECK(n.leads >= n.transferred);
  CHECK(n.transferred >= n.cases_filed);
  CHECK(n.cases_filed >= n.sanctioned);
  CHECK(f->double_expulsion == 1);
  CHECK(testing::ByCode(f->outcomes) ==
        std::vector<std::pair<std::string, uint64_t>>{{"party_probation", 1},
                                                      {"gov_removal", 2},
                                                      {"criticism", 1},
                                                      {"admonishment", 1},
                                                      {"transfer_post", 1},
                                                      {"unfounded", 1}});
}

TEST_CASE("Store lists transferred leads past their deadline", "[store][dispose]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w =
      DrunkDrivingRun({"430102198001019016", "430102198001019016", "430102198001019016"}, "");
  REQUIRE((*store)->WriteRun(&w).ok());
  std::vector<Disposition> steps;
  for (int64_t id : {1, 2, 3}) {
    Disposition d = Step(id, LeadStatus::kTransferred);
    d.date = *ParseDate("2025-01-01");
    d.due = *ParseDate(id == 2 ? "2025-03-01" : "2025-01-31");
    d.to = "市水务集团纪委";
    steps.push_back(d);
  }
  steps.push_back(Step(3, LeadStatus::kClosed, {Outcome::kCriticism}));
  REQUIRE((*store)->Dispose(steps, "t", nullptr).ok());
  LeadQuery q;
  q.overdue_on = *ParseDate("2025-02-01");
  auto overdue = (*store)->Leads(q);
  REQUIRE(overdue.ok());
  REQUIRE(overdue->size() == 1);  // lead 2 is not due yet, lead 3 is closed
  CHECK(overdue->front().id == 1);
  CHECK(overdue->front().transferred_to == "市水务集团纪委");
  q.overdue_on = *ParseDate("2025-03-02");
  CHECK((*store)->Leads(q)->size() == 2);
  CHECK(*(*store)->DueDays() == 30);
  AuditEntry audit;
  audit.actor = "t";
  REQUIRE((*store)->SetDueDays(15, &audit).ok());
  CHECK(*(*store)->DueDays() == 15);
  CHECK((*store)->SetDueDays(0, &audit).message() ==
        "the default deadline must be 1 to 3650 days, not 0");
}

}  // namespace
}  // namespace qinglian

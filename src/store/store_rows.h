// A lead row as the store's files read it (store.cc, store_audit.cc).
#ifndef QINGLIAN_STORE_ROWS_H_
#define QINGLIAN_STORE_ROWS_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qinglian/core/vocab.h"
#include "qinglian/store/store.h"
#include "store/sqlite.h"

namespace qinglian {

// The leads table's columns in the order ReadLead() reads them, and those
// the table had up to schema 6 (for the migrations before 7) and 8.
extern const char* const kLeadColumns;
extern const char* const kLeadColumnsV5;
extern const char* const kLeadColumnsV7;
// The columns of a store at schema version `schema`.
const char* LeadColumnsOf(int schema);

// Reads a lead from the row `s` is on, its columns from `first` on, as
// LeadColumnsOf(schema) lists them.
StoredLead ReadLead(const sql::Stmt& s, int first = 0, int schema = kSchemaVersion);
// The statement that inserts a lead, or moves the last_run of one already
// there (its key), and running it for `e` as seen by run `run` at `at`
// (WriteRun; a review judgement's lead).
Result<sql::Stmt> PrepareUpsertLead(sql::Db& db);
Status UpsertLead(sql::Stmt& upsert, const LeadEvidence& e, int64_t run, const std::string& at);
// `e` as ReadLead reads it back once UpsertLead has written it: what the
// columns hold, which a new lead's first event is hashed over.
LeadEvidence AsStored(const LeadEvidence& e);
// A lead's postings as a JSON array of objects ("" for none), and back.
std::string PostingsColumn(const std::vector<Posting>& postings);
std::vector<Posting> PostingsOf(const std::string& column);

// The vocabulary as the store's columns hold it: codes, and "" for none. A
// code the program does not know (written behind its back) reads as the
// first value; the audit trail's hashes, taken over the codes, catch it.
std::string StatusColumn(std::optional<LeadStatus> s);
// Dates as ISO text ("" for none), and the other record's fields as JSON.
Date DateOf(const std::string& column);
std::string RecordColumn(const std::vector<std::pair<std::string, std::string>>& record);
std::vector<std::pair<std::string, std::string>> RecordOf(const std::string& column);
// A run's changes to a lead as JSON, {"bac": ["75", "92"]} (null for none),
// in the order of the changes; "" for none.
std::string ChangesColumn(const std::vector<FieldChange>& changes);
std::vector<FieldChange> ChangesOf(const std::string& column);
// Outcomes as codes joined by ','. A store before schema 11 held one code of
// the old vocabulary (warning, removal, double_expulsion, ...): OutcomesOf
// reads those too (kLegacyOutcomes).
std::string OutcomesColumn(const OutcomeSet& s);
LeadStatus StatusOf(const std::string& column);
std::optional<LeadStatus> OptionalStatusOf(const std::string& column);
OutcomeSet OutcomesOf(const std::string& column);
// Outcomes as the audit trail's hashes spell them: a set that a store before
// schema 11 could hold keeps the old code it had then, so that the hashes
// written before the vocabulary grew still hold; any other set is its column.
std::string OutcomesHashText(const OutcomeSet& s);
// The old vocabulary and what each word became (schema 11).
struct LegacyOutcome {
  const char* code;
  OutcomeSet now;
};
extern const LegacyOutcome kLegacyOutcomes[9];
// A source's rejects per reason, as a JSON object {"bad_check": 3}.
std::string ReasonsColumn(const std::map<RejectReason, uint64_t>& reasons);
std::map<RejectReason, uint64_t> ReasonsOf(const std::string& column);

// From this version on, the store keeps what each model of a run did.
constexpr int kModelRunsVersion = 8;
// Writes run->model_runs for run->id, inside the caller's transaction. With
// `count_leads`, first sets each model's leads_new and leads_seen from the
// leads the run wrote.
Status WriteModelRuns(sql::Db& db, RunRecord* run, bool count_leads);
// Fills each run's model_runs, in the order they were written.
Status ReadModelRuns(sql::Db& db, std::vector<RunRecord>* runs);

}  // namespace qinglian

#endif  // QINGLIAN_STORE_ROWS_H_

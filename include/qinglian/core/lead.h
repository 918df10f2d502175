// A problem lead as it is stored and shown: its evidence (what the
// comparison found, snapshotted), its state in the workflow, and its history.
#ifndef QINGLIAN_CORE_LEAD_H_
#define QINGLIAN_CORE_LEAD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/core/bac.h"
#include "qinglian/core/vocab.h"
#include "qinglian/core/workflow.h"

namespace qinglian {

// One employment record the lead's time falls in.
struct Posting {
  std::string unit, department, position;
  Date hire_date, leave_date;  // leave_date invalid: still employed
  std::string file;
  uint32_t line = 0;
};

// A lead's evidence, snapshotted when the lead is first found.
struct LeadEvidence {
  std::string key;           // LeadKey(): stable across runs
  std::string model;         // the model's name
  std::string type;          // the lead type's code
  std::string id_number;     // canonical; masked only on output
  std::string name;          // as the employee record has it
  std::string offence_name;  // as the offence record has it
  bool name_matches = true;
  // The employment record covering the offence date.
  std::string unit, department, position, category;
  Date hire_date, leave_date;  // leave_date invalid: still employed
  std::string employee_file;
  uint32_t employee_line = 0;
  // The other office's record: an offence, an allowance, a death, a role in
  // a business. offence_date is its day (a period's first day); label, BAC,
  // place, penalty, case number and authority are an offence record's.
  std::string event_kind = "offences";
  std::string label;
  Date offence_date;
  Date event_end;  // a period's last day; invalid for an event, or a period still running
  BacTenths bac = kNoBac;
  std::string place, penalty, case_no, authority, offence_file;
  uint32_t offence_line = 0;
  // Every field of the other record as shown, in its kind's order.
  std::vector<std::pair<std::string, std::string>> record;
  // When the model's relation holds (overlap and after models): the first
  // and last day, and how many days.
  Date overlap_first, overlap_last;
  int64_t overlap_days = 0;
  int64_t amount_fen = -1;  // the money involved (months × monthly amount); -1: none
  // Every employment record the time falls in, the one above first, when
  // there are two or more (concurrent posts); else empty.
  std::vector<Posting> postings;

  // The time falls in records of two or more units.
  bool concurrent() const {
    for (const Posting& p : postings)
      if (p.unit != unit) return true;
    return false;
  }
};

struct StoredLead {
  // The part of the lead that dispositions change.
  LeadState state() const {
    return {status, outcomes, case_filed, recovered_fen, handler, handled_on, transferred_to, due};
  }
  void set_state(const LeadState& s) {
    status = s.status;
    outcomes = s.outcomes;
    case_filed = s.case_filed;
    recovered_fen = s.recovered_fen;
    handler = s.handler;
    handled_on = s.handled_on;
    transferred_to = s.transferred_to;
    due = s.due;
  }

  int64_t id = 0;
  LeadEvidence evidence;
  LeadStatus status = LeadStatus::kNew;
  OutcomeSet outcomes;  // once closed
  bool case_filed = false;
  int64_t recovered_fen = 0;
  // The latest disposition: who took it and on which day; the body the lead
  // was transferred to and the deadline (schema 11).
  std::string handler;
  Date handled_on;
  std::string transferred_to;
  Date due;
  int64_t first_run = 0, last_run = 0;
  std::string created_at;
  // A snapshot run (`run --snapshot`) that did not find the lead's record:
  // the lead has not been seen since last_run. 0 while it is seen.
  int64_t missing_run = 0;
};

// One field of a lead that a run changed: its code (a key of the lead's JSON,
// "record.<name>" for a field of the other record, "not_seen_since_run" for
// a lead going missing or found again) and its values before and after, as
// shown ("" for none).
struct FieldChange {
  std::string field, before, after;
  bool operator==(const FieldChange&) const = default;
};

// The field a snapshot run sets when a lead's record is absent ("" -> the
// last run that saw it) and clears when it is found again.
inline constexpr char kNotSeenSinceField[] = "not_seen_since_run";

// One row of a lead's history.
struct LeadEvent {
  std::string at, actor;
  int64_t run = 0;                        // the run that found the lead, for its first event
  std::optional<LeadStatus> from_status;  // none for the event that created the lead
  LeadStatus to_status = LeadStatus::kNew;
  OutcomeSet outcomes;
  bool case_filed = false;
  int64_t recovered_fen = 0;
  std::string note;
  // A run's changes to the lead (its evidence corrected, the lead missing or
  // found again); empty for a change of status.
  std::vector<FieldChange> changes;
  // A disposition's who, day, receiving body and deadline (schema 11).
  std::string handler;
  Date date;
  std::string to;
  Date due;
};

// Whether `changes` change the evidence, and not only whether it is missing.
bool ChangesEvidence(const std::vector<FieldChange>& changes);

// What differs between a lead's evidence and the same record found again, in
// the order of the lead's fields. What follows from the as-of date (the
// overlap, the money involved), the name matching and the files and lines
// the evidence comes from are listed only with a change of content: a new
// night's file, or a running period one day longer, is no change.
std::vector<FieldChange> EvidenceChanges(const LeadEvidence& before, const LeadEvidence& after);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_LEAD_H_

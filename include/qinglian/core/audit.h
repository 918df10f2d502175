// The audit trail's entries as the commands make them, and what checking the
// trail finds. The trail itself (append-only, hash-chained over the audit log,
// the leads and their events) lives in the store: Store::AppendAudit.
#ifndef QINGLIAN_CORE_AUDIT_H_
#define QINGLIAN_CORE_AUDIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qinglian {

// One entry of the audit trail: who did what to which leads. Entries are
// hash-chained: hash = SHA-256 (HMAC-SHA256 when keyed) over the entry, the
// lead events' head when it was written and the previous entry's hash.
struct AuditEntry {
  int64_t id = 0;
  std::string at;       // ISO 8601, UTC
  std::string actor;    // the OS user
  std::string command;  // leads, show, export, report, run, dispose
  std::string args;     // the command line as a JSON array, ID numbers masked
  std::string touched;  // what it read or changed: "12 leads", "lead 5", "run 3"
  std::string prev_hash, hash;
  int format = 2;          // 1: written before schema 5, covers the entry only
  bool keyed = false;      // hash is HMAC-SHA256 with the audit key
  int64_t event_id = 0;    // the last lead event when the entry was written
  std::string event_hash;  // that event's hash: the entry vouches for every event up to it
};

// The result of checking the trail.
struct AuditCheck {
  int64_t entries = 0, leads = 0, events = 0;
  std::string head;     // the last entry's hash; empty when there is none
  std::string problem;  // the first problem found; empty when the trail is intact
  // The trail is keyed and no key was given: nothing else was found wrong,
  // but the entries' hashes could not be checked.
  bool needs_key = false;
  bool intact() const { return problem.empty(); }
};

// The head of the trail, for an outside anchor (a nightly log line).
struct AuditHead {
  int64_t entries = 0;
  std::string hash;  // empty when there is no entry yet
};

// Masks every ID number in free text, in every form the loaders accept
// (full-width, dashed, spaced): it becomes "430102********123X"; other text is
// unchanged.
std::string MaskIdNumbersIn(std::string_view text);

// An entry for `command` run by `actor` with these arguments (the words after
// the program name), ID numbers masked, as a JSON array.
AuditEntry MakeAuditEntry(const std::string& actor, const std::string& command,
                          const std::vector<std::string>& args);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_AUDIT_H_

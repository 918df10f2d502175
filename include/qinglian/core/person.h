// Persons with leads: the person an auditor names (by a name or a part of one,
// or by an ID number in any form the loaders read), and what the store knows
// of each person across their leads.
#ifndef QINGLIAN_CORE_PERSON_H_
#define QINGLIAN_CORE_PERSON_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

// One name a person's leads give them (a person renamed has several).
struct PersonName {
  std::string id_number;  // canonical
  std::string name;
};

// A person and their leads, as Store::Persons() counts them.
struct PersonSummary {
  std::string id_number;  // canonical; masked only on output
  std::string name;       // as the latest lead has it
  // Every unit and lead type of the leads, in the order of their first
  // event date (a person transferred from A to B: A, then B).
  std::vector<std::string> units, types;
  std::vector<int64_t> lead_ids;         // by event date
  Date first_date, last_date;            // of the earliest and the latest event
  std::array<int64_t, 3> statuses = {};  // leads per LeadStatus

  int64_t leads() const { return static_cast<int64_t>(lead_ids.size()); }
};

// The person `typed` names among `names`, as their canonical ID number:
// - an ID number in any form ParseIdNumber reads (15 digits, lower-case x,
//   full-width digits, blanks or dashes between groups) names its holder;
// - otherwise a name, compared after NormaliseName: the one person of that
//   name, else the one person whose name contains it.
// None, or several, is an error that never shows a full ID number:
// "no person matches '王'", "3 persons match '张': 张三 430102********9016, ...".
Result<std::string> MatchPerson(std::string_view typed, const std::vector<PersonName>& names);

// "2 新线索、1 办结" or "2 new, 1 closed": the counts that are not zero.
std::string StatusSummary(const std::array<int64_t, 3>& statuses, Lang l);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_PERSON_H_

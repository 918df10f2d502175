// The lead filters of `leads`, `persons` and `export` as users type them,
// turned into a store query: a unit by its name or a unique part of it, a
// type by its code, its label, a police label or a group (黄赌毒), a status
// in either language, dates in any form the loaders read.
#ifndef QINGLIAN_APP_LEAD_FILTER_H_
#define QINGLIAN_APP_LEAD_FILTER_H_

#include <cstdint>
#include <string>

#include "qinglian/app/catalog.h"
#include "qinglian/base/status.h"
#include "qinglian/store/store.h"

namespace qinglian {

struct LeadFilter {
  std::string unit, type, status, since, until;
  std::string person;  // a name, a unique part of one, or an ID number (MatchPerson)
  int64_t run = 0;
  int64_t limit = 0;
  bool only_new = false;
  bool changed = false;  // evidence changed in `run` (0: the latest run)
  bool missing = false;  // not found by a snapshot run since
  bool overdue = false;  // transferred and past the deadline (as of Today())
};

// An unknown or ambiguous value is an error naming the flag and listing the
// choices.
Result<LeadQuery> ResolveLeadFilter(const LeadFilter& f, Store& store, const Catalog& catalog);

// The persons `persons` lists: the filter's unit, type, status and person,
// and at least `min_leads` leads each. Errors as ResolveLeadFilter's.
Result<PersonQuery> ResolvePersonFilter(const LeadFilter& f, int64_t min_leads, Store& store,
                                        const Catalog& catalog);

// The lead types `text` names: an offence type or group of the vocabulary
// (黄赌毒 gives three), or a model's type by its name or title. Empty when it
// names none.
std::vector<std::string> ResolveLeadTypes(const std::string& text, const Catalog& catalog);

}  // namespace qinglian

#endif  // QINGLIAN_APP_LEAD_FILTER_H_

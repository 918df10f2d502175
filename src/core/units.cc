#include "qinglian/core/units.h"

#include "qinglian/base/text.h"

namespace qinglian {

Result<std::string> MatchUnit(const std::string& typed, const std::vector<std::string>& units) {
  std::vector<std::string> hits;
  for (const std::string& u : units) {
    if (u == typed) return u;
    if (u.find(typed) != std::string::npos) hits.push_back(u);
  }
  if (hits.size() == 1) return hits[0];
  const std::vector<std::string>& choices = hits.empty() ? units : hits;
  const std::string list = choices.empty() ? "none yet" : Join(choices, ", ");
  return Status::Error(std::string(hits.empty() ? "no unit matches '" : "several units match '") +
                       typed + "' (" + (hits.empty() ? "units: " : "") + list + ")");
}

}  // namespace qinglian

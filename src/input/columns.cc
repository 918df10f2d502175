#include "qinglian/input/columns.h"

#include <algorithm>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

std::string JoinHeaders(const std::vector<std::string>& headers) {
  return headers.empty() ? "(none)" : Join(headers, ", ");
}

std::string Named(const FieldSpec& f) { return f.name + " (" + f.zh + ")"; }

}  // namespace

const std::string& ColumnMap::header(int f) const {
  static const std::string kNone;
  const int c = column(f);
  return c >= 0 ? headers_[static_cast<size_t>(c)] : kNone;
}

Result<ColumnMap> ColumnMap::Build(const std::vector<std::string>& headers, const RecordKind& kind,
                                   const std::vector<std::string>& user_map) {
  ColumnMap map;
  map.index_.assign(kind.fields.size(), -1);
  map.headers_ = headers;
  std::vector<std::string> normalised;
  for (const std::string& h : headers) normalised.push_back(NormaliseHeader(h));

  const auto assign = [&](size_t f, size_t col) -> Status {
    int& slot = map.index_[f];
    if (slot >= 0 && slot != static_cast<int>(col))
      return Status::Error("columns '" + headers[static_cast<size_t>(slot)] + "' and '" +
                           headers[col] + "' both give " + kind.fields[f].name +
                           "; name one with --map");
    slot = static_cast<int>(col);
    return Status::Ok();
  };

  // The user's mapping first: it wins over the aliases.
  std::vector<bool> taken(headers.size(), false);
  std::vector<bool> by_user(kind.fields.size(), false);
  for (const std::string& entry : user_map) {
    const size_t eq = entry.rfind('=');
    if (eq == std::string::npos || eq == 0)
      return Status::Error("--map '" + entry + "': expected HEADER=field");
    const std::string header = NormaliseHeader(entry.substr(0, eq));
    const int f = kind.Field(entry.substr(eq + 1));
    if (f < 0) continue;  // a field of another kind
    const auto it = std::find(normalised.begin(), normalised.end(), header);
    if (it == normalised.end()) continue;  // the mapping may be meant for another input file
    const size_t col = static_cast<size_t>(it - normalised.begin());
    map.index_[static_cast<size_t>(f)] = static_cast<int>(col);
    by_user[static_cast<size_t>(f)] = true;
    taken[col] = true;
  }

  for (size_t col = 0; col < headers.size(); ++col) {
    if (taken[col] || normalised[col].empty()) continue;
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      if (by_user[f]) continue;
      const std::vector<std::string>& aliases = kind.fields[f].aliases;
      if (std::find(aliases.begin(), aliases.end(), normalised[col]) == aliases.end()) continue;
      if (Status s = assign(f, col); !s.ok()) return s;
      break;
    }
  }

  for (size_t f = 0; f < kind.fields.size(); ++f) {
    const FieldSpec& spec = kind.fields[f];
    if (!spec.required || map.has(static_cast<int>(f))) continue;
    // A roster of one unit often has no unit column: the unit is in its name.
    const std::string one_unit =
        static_cast<int>(f) == kind.unit ? ", or give the unit of every row with --unit NAME" : "";
    return Status::Error("no column for " + Named(spec) +
                         "; columns found: " + JoinHeaders(headers) +
                         "; name it with --map 'HEADER=" + spec.name + "'" + one_unit);
  }
  for (const std::vector<int>& group : kind.one_of) {
    if (std::any_of(group.begin(), group.end(), [&](int f) { return map.has(f); })) continue;
    std::vector<std::string> names;
    for (int f : group) names.push_back(Named(kind.fields[static_cast<size_t>(f)]));
    return Status::Error("no column for " + Join(names, " or ") +
                         "; columns found: " + JoinHeaders(headers));
  }
  return map;
}

Status CheckColumnMapUsed(const std::vector<std::string>& user_map,
                          const std::vector<std::string>& headers_seen,
                          const std::vector<std::string>& fields) {
  std::vector<std::string> normalised, distinct;
  for (const std::string& h : headers_seen) {
    normalised.push_back(NormaliseHeader(h));
    if (std::find(distinct.begin(), distinct.end(), h) == distinct.end()) distinct.push_back(h);
  }
  for (const std::string& entry : user_map) {
    const size_t eq = entry.rfind('=');
    if (eq == std::string::npos) continue;  // ColumnMap::Build refuses it
    const std::string header = entry.substr(0, eq), field = entry.substr(eq + 1);
    if (!fields.empty() && std::find(fields.begin(), fields.end(), field) == fields.end())
      return Status::Error("--map '" + entry + "': unknown field '" + field +
                           "' (fields: " + Join(fields, ", ") + ")");
    if (std::find(normalised.begin(), normalised.end(), NormaliseHeader(header)) !=
        normalised.end())
      continue;
    return Status::Error("--map '" + entry + "': no input has a column '" + header +
                         "'; columns found: " + JoinHeaders(distinct));
  }
  return Status::Ok();
}

}  // namespace qinglian

#include "qinglian/output/audit_log.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "qinglian/base/text.h"

namespace qinglian {

std::string FormatAuditLog(const std::vector<AuditEntry>& entries) {
  std::string out;
  for (const AuditEntry& e : entries) {
    std::vector<std::string> words;
    for (const auto& w : nlohmann::json::parse(e.args, nullptr, false))
      if (w.is_string()) words.push_back(w.get<std::string>());
    out += fmt::format("{:>5}  {}  {:<10}  {:<8}  {}  [{}]\n", e.id, e.at, e.actor, e.command,
                       e.touched, Join(words, " "));
  }
  return out;
}

}  // namespace qinglian

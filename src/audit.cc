#include "qinglian/audit.h"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "qinglian/idcard.h"
#include "qinglian/text.h"

namespace qinglian {

std::string MaskIdNumbersIn(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j - i == 17 && j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
    const size_t n = j - i;
    out += (n == 15 || n == 18) ? MaskIdNumber(text.substr(i, n)) : std::string(text.substr(i, n));
    i = j;
  }
  return out;
}

AuditEntry MakeAuditEntry(const std::string& actor, const std::string& command,
                          const std::vector<std::string>& args) {
  nlohmann::json words = nlohmann::json::array();
  for (const std::string& a : args) words.push_back(ToValidUtf8(MaskIdNumbersIn(a)));
  AuditEntry e;
  e.actor = actor;
  e.command = command;
  e.args = words.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return e;
}

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

#include "qinglian/output/audit_log.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "qinglian/base/clock.h"
#include "qinglian/base/text.h"
#include "qinglian/output/text_table.h"

namespace qinglian {
namespace {

// Columns of fixed widths, so that a long trail needs no pass to measure it.
std::string AuditLine(const std::string& id, const std::string& at, const std::string& actor,
                      const std::string& command, const std::string& rest) {
  return PadLeft(id, 5) + "  " + PadRight(at, 19) + "  " + PadRight(actor, 10) + "  " +
         PadRight(command, 8) + "  " + rest + "\n";
}

}  // namespace

std::string FormatAuditLog(const std::vector<AuditEntry>& entries, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::string out = zh ? AuditLine("序号", "时间", "操作人", "命令", "涉及内容  [参数]")
                       : AuditLine("no", "time", "user", "command", "touched  [arguments]");
  for (const AuditEntry& e : entries) {
    std::vector<std::string> words;
    for (const auto& w : nlohmann::json::parse(e.args, nullptr, false))
      if (w.is_string()) words.push_back(w.get<std::string>());
    out += AuditLine(std::to_string(e.id), LocalTime(e.at), e.actor, e.command,
                     fmt::format("{}  [{}]", e.touched, Join(words, " ")));
  }
  return out;
}

}  // namespace qinglian

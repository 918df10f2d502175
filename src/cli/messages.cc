#include "cli/messages.h"

#include <optional>
#include <vector>

namespace qinglian::cli {
namespace {

struct Message {
  Msg id;
  const char* en;
  const char* zh;
};

// The English patterns are the library's and CLI11's messages as they are
// written; a change there needs a change here (the tests say which).
constexpr Message kMessages[] = {
    {Msg::kNoSuchFile, "{}: No such file or directory", "{}：文件不存在"},
    {Msg::kPermissionDenied, "{}: Permission denied", "{}：没有权限"},
    {Msg::kNoSuchLead, "no lead {}", "没有编号为 {} 的线索"},
    {Msg::kNoSuchDatabase, "{}: no such database (run 'qinglian run' first, or give --db)",
     "{}：数据库不存在（请先运行 qinglian run，或用 --db 指定数据库）"},
    {Msg::kNotADatabase, "{}: not a qinglian database (schema version {} but not its tables)",
     "{}：不是 qinglian 数据库（结构版本为 {}，但缺少相应的表）"},
    {Msg::kEmptyDatabase,
     "{}: not a qinglian database: the file is empty (only 'qinglian run' creates a store)",
     "{}：不是 qinglian 数据库：文件为空（只有 qinglian run 会创建数据库）"},
    {Msg::kOtherTables, "{}: not a qinglian database (it has other tables)",
     "{}：不是 qinglian 数据库（其中有其他表）"},
    {Msg::kSchemaNewer, "{}: schema version {} is newer than this program's ({}); upgrade qinglian",
     "{}：数据库结构版本 {} 比本程序的（{}）新，请升级 qinglian"},
    {Msg::kCannotWriteStore, "{}: cannot write the store: {}", "{}：无法写入数据库：{}"},
    {Msg::kNoSuccessfulRun, "no successful run yet: run 'qinglian run' first",
     "还没有成功的比对批次：请先运行 qinglian run"},
    {Msg::kRunFailedRejects,
     "run {} failed: {}: {}% of rows rejected (limit {}%); see the rejects file",
     "第 {} 批次失败：{} 有 {}% 的行被拒收（上限 {}%），详见拒收文件"},
    {Msg::kRunFailed, "run {} failed: {}", "第 {} 批次失败：{}"},
    {Msg::kUnknownKind, "unknown record kind '{}' (kinds: {})", "未知的记录类别“{}”（可选：{}）"},
    {Msg::kUnknownModel, "unknown model '{}' (models: {})", "未知的模型“{}”（可选：{}）"},
    {Msg::kUnknownStatus, "unknown status '{}' ({})", "未知的状态“{}”（可选：{}）"},
    {Msg::kUnknownType, "unknown type '{}' (types: {})", "未知的类型“{}”（可选：{}）"},
    {Msg::kUnknownEncoding, "unknown encoding '{}' (use auto, utf-8, gb18030 or utf-16)",
     "未知的编码“{}”（可用 auto、utf-8、gb18030 或 utf-16）"},
    {Msg::kNoUnitMatches, "no unit matches '{}' (units: {})", "没有与“{}”相符的单位（单位：{}）"},
    {Msg::kSeveralUnitsMatch, "several units match '{}' ({})", "有多个单位与“{}”相符（{}）"},
    {Msg::kNoColumn, "{}: no column for {} ({}); columns found: {}; name it with --map '{}'",
     "{}：找不到 {}（{}）一列；现有的列：{}；请用 --map '{}' 指定"},
    {Msg::kImpossibleDate, "impossible date {}", "不存在的日期 {}"},
    {Msg::kUnmaskNeedsReason,
     "--unmask needs --reason TEXT: full ID numbers are shown only for a stated reason",
     "--unmask 需要 --reason 说明理由：完整的身份证号只为说明的理由显示"},
    {Msg::kReasonOnlyForUnmask, "--reason is only for --unmask", "--reason 只与 --unmask 一起使用"},
    // CLI11's own.
    {Msg::kOptionRequired, "{} is required", "缺少必需的参数 {}"},
    {Msg::kOptionNotIn, "{}: {} not in {}", "{}：“{}”不是可选的值 {}"},
    {Msg::kNotExpected, "The following arguments were not expected: {}", "无法识别的参数：{}"},
    {Msg::kCommandRequired, "A subcommand is required",
     "请给出一个命令（qinglian --help 列出命令）"},
    {Msg::kBadOption, "{}", "命令行有误：{}"},
    {Msg::kAuditIntact, "audit trail intact: {} entries, {} leads, {} lead events; head {}",
     "审计记录完好：{} 条记录，{} 条线索，{} 个线索事件；链头 {}"},
    {Msg::kAuditHead, "{}  {} entries", "{}  {} 条记录"},
    {Msg::kAuditCannotVerify, "{}: cannot verify: {}", "{}：无法核验：{}"},
    {Msg::kAuditBroken, "{}: audit trail broken: {}", "{}：审计记录已被破坏：{}"},
    {Msg::kAuditEmpty, "{}: the audit trail is empty", "{}：审计记录为空"},
    {Msg::kLeadsWritten, "{}: {} leads", "{}：{} 条线索"},
    {Msg::kUnitsWritten, "{}: {} units, {} leads", "{}：{} 个单位，{} 条线索"},
    {Msg::kPersonWritten, "{}: {} person", "{}：{} 人"},
    {Msg::kPersonsWritten, "{}: {} persons", "{}：{} 人"},
    {Msg::kAliasSet, "{} -> {}", "{} -> {}"},
    {Msg::kExpectationSet, "{}: {} persons expected{}", "{}：应有 {} 人{}"},
    {Msg::kExpectationRemoved, "{}: no expected headcount{}", "{}：不再设定应有人数{}"},
    {Msg::kUnitNotSeen, " (a unit no run has seen yet)", "（尚无批次见过此单位）"},
    {Msg::kDisposed, "lead {}: {}", "线索 {}：{}"},
    {Msg::kFeedbackApplied, "{}: {} dispositions recorded", "{}：记录处置 {} 条"},
    {Msg::kBlankRowsSkipped, ", {} blank rows skipped", "，跳过空行 {} 行"},
    {Msg::kDefaultDueDays, "default deadline: {} days", "默认办理期限：{} 天"},
    {Msg::kUnknownOutcome, "unknown outcome '{}'", "未知的处置结果“{}”"},
    {Msg::kAmbiguousOutcome, "{} is ambiguous: {} or {}", "“{}”有歧义：请写明 {} 或 {}"},
    {Msg::kCloseNeedsOutcome, "lead {}: closing needs an outcome ({})",
     "线索 {}：办结需要处置结果（--outcome）"},
    {Msg::kNewBeforeClose, "lead {} is new: transfer it for verification before closing it",
     "线索 {} 尚未移交：请先移交核查，再办结"},
    {Msg::kSanctionNeedsCase,
     "lead {}: {} is a sanction (处分) and needs a filed case (立案); none is recorded on the lead",
     "线索 {}：{} 属于处分，须已立案（--case-filed）；该线索尚无立案记录"},
    {Msg::kAlreadyClosed, "lead {} is already closed ({}): reopen it to change it",
     "线索 {} 已办结（{}）：如需更改，请先复查（--reopen）"},
    {Msg::kAlreadyTransferred, "lead {} is already transferred", "线索 {} 已移交"},
    {Msg::kReopenNotClosed, "lead {} is not closed: only a closed lead is reopened",
     "线索 {} 未办结：只有已办结的线索才能复查"},
    {Msg::kReopenNeedsNote, "lead {}: reopening needs a note saying why (申诉 or 复查)",
     "线索 {}：复查须用 --note 说明理由（申诉或复查）"},
    {Msg::kBadLine, "{}: 1 bad line; nothing was changed", "{}：1 行有误，未做任何更改"},
    {Msg::kBadLines, "{}: {} bad lines; nothing was changed", "{}：{} 行有误，未做任何更改"},
    {Msg::kReviewNone, "no open review candidates", "没有待审核的候选"},
    {Msg::kReviewHeader, "#{}  score {}  {}  {}", "#{}  得分 {}  {}  {}"},
    {Msg::kReviewRoster, "  roster: {}  {} ({})  {}  {}  {}:{}",
     "  花名册：{}  {}（{}）  {}  {}  {}:{}"},
    {Msg::kReviewOther, "  other:  {}  {}  {} {} {}  {}:{}", "  对方记录：{}  {}  {} {} {}  {}:{}"},
    {Msg::kReviewPeriod, "{} to {}", "{} 至 {}"},
    {Msg::kReviewPeriodOpen, "{} to now", "{} 至今"},
    {Msg::kReviewJudgement, "  judged {} by {} ({}){}", "  审核结论：{}，审核人 {}（{}）{}"},
    {Msg::kReviewNotSettled, ": a record has changed since, or unsure",
     "：此后记录有变化，或结论待定"},
    {Msg::kReviewJudged, "candidate {}: {}", "候选 {}：{}"},
    {Msg::kReviewMatched, ": lead {}, matched by review (qinglian show {})",
     "：线索 {}，经审核匹配（qinglian show {}）"},
    {Msg::kRuleDamagedId, "damaged_id", "身份证号被表格软件损坏"},
    {Msg::kRuleOneDigit, "one_digit", "身份证号一位之差"},
    {Msg::kVerdictSame, "same", "同一人"},
    {Msg::kVerdictDifferent, "different", "不是同一人"},
    {Msg::kVerdictUnsure, "unsure", "待定"},
};

Lang g_lang = Lang::kEn;

const Message& Entry(Msg id) {
  for (const Message& m : kMessages)
    if (m.id == id) return m;
  return kMessages[0];  // every id has an entry (the tests say so)
}

// The words `message` gives for each "{}" of `pattern`, or none when it does
// not fit. Each literal piece is found at its first place after the last;
// the last piece must end the message.
std::optional<std::vector<std::string>> Match(std::string_view pattern, std::string_view message) {
  std::vector<std::string_view> pieces;
  for (size_t start = 0;;) {
    const size_t hole = pattern.find("{}", start);
    pieces.push_back(pattern.substr(start, hole == std::string_view::npos ? hole : hole - start));
    if (hole == std::string_view::npos) break;
    start = hole + 2;
  }
  if (!message.starts_with(pieces.front())) return std::nullopt;
  if (pieces.size() == 1)
    return message == pieces.front() ? std::optional(std::vector<std::string>()) : std::nullopt;
  if (!message.ends_with(pieces.back())) return std::nullopt;
  std::vector<std::string> words;
  size_t at = pieces.front().size();
  const size_t end = message.size() - pieces.back().size();
  if (end < at) return std::nullopt;
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    const size_t found = message.substr(0, end).find(pieces[i], at);
    if (found == std::string_view::npos || found == at) return std::nullopt;
    // A word before the last is no "where: what" of its own: that message is
    // translated after its place (Translate).
    if (message.substr(at, found - at).find(": ") != std::string_view::npos) return std::nullopt;
    words.emplace_back(message.substr(at, found - at));
    at = found + pieces[i].size();
  }
  if (end <= at) return std::nullopt;
  words.emplace_back(message.substr(at, end - at));
  return words;
}

bool ReviewScreen(Msg id) {
  switch (id) {
    case Msg::kReviewNone:
    case Msg::kReviewHeader:
    case Msg::kReviewRoster:
    case Msg::kReviewOther:
    case Msg::kReviewPeriod:
    case Msg::kReviewPeriodOpen:
    case Msg::kReviewJudgement:
    case Msg::kReviewNotSettled:
    case Msg::kReviewJudged:
    case Msg::kReviewMatched:
    case Msg::kRuleDamagedId:
    case Msg::kRuleOneDigit:
    case Msg::kVerdictSame:
    case Msg::kVerdictDifferent:
    case Msg::kVerdictUnsure:
      return true;
    default:
      return false;
  }
}

std::optional<std::string> TranslateWhole(std::string_view message) {
  for (const Message& m : kMessages) {
    // These fit almost anything, or are only what commands print: by id only.
    if (m.id == Msg::kBadOption || m.id == Msg::kDisposed || m.id == Msg::kFeedbackApplied ||
        m.id == Msg::kBlankRowsSkipped || m.id == Msg::kDefaultDueDays || ReviewScreen(m.id))
      continue;
    const std::optional<std::vector<std::string>> words = Match(m.en, message);
    if (!words) continue;
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const std::string& w : *words) store.push_back(w);
    return fmt::vformat(m.zh, store);
  }
  return std::nullopt;
}

}  // namespace

void SetMessageLang(Lang lang) { g_lang = lang; }
Lang MessageLang() { return g_lang; }

std::string_view Pattern(Msg id, Lang lang) {
  const Message& m = Entry(id);
  return lang == Lang::kZh ? m.zh : m.en;
}

std::string Translate(const std::string& message, Lang lang) {
  if (lang != Lang::kZh) return message;
  if (std::optional<std::string> whole = TranslateWhole(message)) return *whole;
  // "where: what": the place stays as it is, the rest is translated.
  for (size_t colon = message.find(": "); colon != std::string::npos;
       colon = message.find(": ", colon + 2))
    if (std::optional<std::string> rest = TranslateWhole(message.substr(colon + 2)))
      return message.substr(0, colon) + "：" + *rest;
  return message;
}

}  // namespace qinglian::cli

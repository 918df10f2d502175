// The vocabulary every layer shares: each enumeration with one table of its
// code (what the store, JSON and scripts use), its Chinese label and its
// English label (what people read), and the other words people type for it.
// Screens follow the language; codes never change with it.
#ifndef QINGLIAN_CORE_VOCAB_H_
#define QINGLIAN_CORE_VOCAB_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace qinglian {

enum class Lang : uint8_t { kZh, kEn };

// "zh" or "en".
std::string_view LangCode(Lang l);
// Reads "zh" or "en" (also "zh_CN.UTF-8", "chinese", "中文").
std::optional<Lang> ParseLang(std::string_view text);
// The language of the locale (LC_ALL, else LC_MESSAGES, else LANG): Chinese
// for zh_*, English otherwise.
Lang LangFromEnvironment();

// One word of the vocabulary.
struct Term {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::string_view aliases = {};  // other words people type, separated by '|'

  std::string_view Label(Lang l) const { return l == Lang::kZh ? zh : en; }
};

// Each enumeration of the vocabulary specialises Terms<E>::kTable, one term
// per value in the enumeration's order.
template <typename E>
struct Terms;

template <typename E>
const Term& TermOf(E e) {
  return Terms<E>::kTable[static_cast<size_t>(e)];
}
template <typename E>
std::string Code(E e) {
  return std::string(TermOf(e).code);
}
template <typename E>
std::string Label(E e, Lang l) {
  return std::string(TermOf(e).Label(l));
}

// The value whose code is `code` exactly (as the store and JSON hold it).
template <typename E>
std::optional<E> FromCode(std::string_view code) {
  for (size_t i = 0; i < std::size(Terms<E>::kTable); ++i)
    if (Terms<E>::kTable[i].code == code) return static_cast<E>(i);
  return std::nullopt;
}

// Whether `typed` (as a user types it: any width, case or blanks) names the
// term by its code, either label or an alias.
bool TermMatches(const Term& t, std::string_view typed);

// The value a user means by `typed`, or none.
template <typename E>
std::optional<E> ParseTerm(std::string_view typed) {
  for (size_t i = 0; i < std::size(Terms<E>::kTable); ++i)
    if (TermMatches(Terms<E>::kTable[i], typed)) return static_cast<E>(i);
  return std::nullopt;
}

// "new 新线索, transferred 移交核查, closed 办结": the choices, for messages.
template <typename E>
std::string Choices(Lang l) {
  std::string out;
  for (const Term& t : Terms<E>::kTable) {
    if (!out.empty()) out += l == Lang::kZh ? "、" : ", ";
    out += std::string(t.code) + " " + std::string(t.zh);
  }
  return out;
}

enum class LeadStatus : uint8_t { kNew, kTransferred, kClosed };
template <>
struct Terms<LeadStatus> {
  static constexpr Term kTable[] = {
      {"new", "新线索", "new", "新|待处置|未处置"},
      {"transferred", "移交核查", "transferred", "移交|已移交|核查中|transferred for verification"},
      {"closed", "办结", "closed", "已办结|关闭|已关闭|结案"},
  };
};

enum class RunStatus : uint8_t { kOk, kFailed };
template <>
struct Terms<RunStatus> {
  static constexpr Term kTable[] = {
      {"ok", "成功", "ok"},
      {"failed", "失败", "failed"},
  };
};

// Why a row of an input could not be used.
enum class RejectReason : uint8_t {
  kMissingId,
  kBadLength,
  kBadCharacter,
  kBadProvince,
  kImpossibleDate,
  kFutureDate,
  kBadCheck,
  kSpreadsheetDamage,
  kMissingName,
  kMissingUnit,
  kMissingValue,
  kMissingDate,
  kBadDate,
  kDateOrder,
  kDateBeforeBirth,
  kBadBac,
  kBelowBac,
  kUnknownOffence,
  kBadNumber,
  kShortRow,
  kLongRow,
  kUnterminatedQuote,
  kRunawayQuote,
  kBadEncoding,
};
template <>
struct Terms<RejectReason> {
  static constexpr Term kTable[] = {
      {"missing_id", "缺少身份证号", "no ID number"},
      {"bad_length", "身份证号位数错误", "ID number of the wrong length"},
      {"bad_character", "身份证号含非法字符", "stray character in the ID number"},
      {"bad_province", "身份证号省份代码错误", "unknown province code"},
      {"impossible_date", "身份证号出生日期不存在", "impossible birth date in the ID number"},
      {"future_date", "日期在未来", "date in the future"},
      {"bad_check", "身份证号校验位错误", "wrong check character"},
      {"spreadsheet_damage", "身份证号被表格软件损坏", "ID number damaged by a spreadsheet"},
      {"missing_name", "缺少姓名", "no name"},
      {"missing_unit", "缺少单位", "no unit"},
      {"missing_value", "缺少必填项", "a required value is missing"},
      {"missing_date", "缺少日期", "no date"},
      {"bad_date", "日期无法识别", "unreadable date"},
      {"date_order", "结束日期早于开始日期", "end date before the start date (leave before hire)"},
      {"date_before_birth", "日期早于出生日期", "date before the person's birth"},
      {"bad_bac", "酒精含量无法识别", "unreadable BAC"},
      {"below_bac", "酒精含量不足20毫克/100毫升", "BAC below 20 mg/100mL"},
      {"unknown_offence", "违法类型无法识别", "unknown offence label"},
      {"bad_number", "数值无法识别", "unreadable number"},
      {"short_row", "字段不足", "short row"},
      {"long_row", "字段过多", "long row"},
      {"unterminated_quote", "引号未闭合", "unclosed quote"},
      {"runaway_quote", "引号跨越多行", "quote running over many lines"},
      {"bad_encoding", "编码错误", "bytes in another encoding"},
  };
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_VOCAB_H_

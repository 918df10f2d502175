// Text clean-up for values that arrive from Chinese spreadsheets and exports.
// Everything here works on UTF-8 and returns UTF-8.
#ifndef QINGLIAN_BASE_TEXT_H_
#define QINGLIAN_BASE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"

namespace qinglian {

// Returns true when `s` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Returns the byte offset of the first ill-formed sequence, or npos when none.
size_t FindInvalidUtf8(std::string_view s);

// `s` with each byte that is not part of a well-formed sequence replaced by
// U+FFFD: what every string goes through before it goes into JSON.
std::string ToValidUtf8(std::string_view s);

// Decodes the code point at `s[*pos]` and advances `*pos` past it. On an
// ill-formed sequence returns U+FFFD and advances by one byte.
char32_t NextCodePoint(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// Blank as exporters leave it: ASCII white space, NBSP, the ideographic space
// U+3000 and the other Unicode spaces.
bool IsBlank(char32_t cp);

// Full-width ASCII (U+FF01..U+FF5E) to its half-width form and the ideographic
// space to an ASCII space; everything else unchanged.
std::string FoldWidth(std::string_view s);

// Removes leading and trailing blanks (see IsBlank) and C0 control characters.
std::string_view Trim(std::string_view s);

// A field value as the loaders store it: width-folded, a tab or line break
// inside it made a space, every other control character (NUL, ESC, ...)
// dropped, and trimmed.
std::string CleanField(std::string_view s);
// The same without allocating when nothing needs folding: returns a view of
// `s`, or of `*storage` when folding was needed.
std::string_view CleanField(std::string_view s, std::string* storage);

// Free text (a place, a penalty, an offence label) as the loaders keep it:
// its own punctuation and width, trimmed, control characters dropped (a tab
// or line break becomes a space).
std::string CleanNote(std::string_view s);
// The same without allocating when there is no control character: a view of
// `s`, or of `*storage`.
std::string_view CleanNote(std::string_view s, std::string* storage);

// A person's name as the comparator compares it: width-folded, every blank and
// control character removed, and the middle dots of minority and foreign names
// (· ・ • ‧ ･ and the full-width full stop) folded to U+00B7.
std::string NormaliseName(std::string_view s);

// A code or label as users type it, ready to compare: NormaliseName, then
// ASCII lower-cased ("Drunk Driving" -> "drunkdriving", "ＷＡＲＮＩＮＧ" -> "warning").
std::string NormaliseKeyword(std::string_view s);

// The items with `sep` between them: Join({"a", "b"}, ", ") is "a, b".
std::string Join(const std::vector<std::string>& items, std::string_view sep);
// The pieces of `s` between `sep`s; an empty `s` gives none.
std::vector<std::string> Split(std::string_view s, char sep);

// `s` as it can go to a terminal: every C0 and C1 control character and DEL
// written out as an escape (ESC as \x1b, U+009B as \u009b), so that none is
// acted on, and every ill-formed byte as U+FFFD. Newlines are kept when
// `keep_newlines`. Anything else is unchanged.
std::string TerminalText(std::string_view s, bool keep_newlines = false);

// A header as it is compared: full-width folded, lower-case, without blanks,
// '_' and '-', and without a bracketed unit: "血液酒精含量（mg/100ml）" and
// "血液酒精含量 (mg/100mL)" both give "血液酒精含量".
std::string NormaliseHeader(std::string_view header);

// Reads yes/no as spreadsheets write it: yes no true false 1 0 是 否 y n; empty is no.
Result<bool> ParseYesNo(std::string_view text);

// Display width in terminal columns: two for CJK and other wide characters.
size_t DisplayWidth(std::string_view s);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_TEXT_H_

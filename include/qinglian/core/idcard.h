// Resident identity numbers (GB 11643-1999): clean-up of what exports do to
// them, validation, the 15 -> 18 digit upgrade, the join key and the mask.
//
// Policy (docs/id-numbers.md): structural validation. A number is valid when,
// after clean-up, it has 18 characters (or 15 digits, upgraded), a known
// province code, a real birth date from 1800 on and not after `today`, and the
// right MOD 11-2 check character. Lower-case x is accepted. County codes are not
// checked against a registry: codes are re-issued over the years and old
// records keep the old ones.
#ifndef QINGLIAN_CORE_IDCARD_H_
#define QINGLIAN_CORE_IDCARD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qinglian/base/date.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

// The first 17 digits of the canonical number: unique per person, < 10^17.
using IdKey = uint64_t;

enum class IdProblem : uint8_t {
  kNone,
  kEmpty,
  kBadLength,
  kBadCharacter,
  kBadProvince,
  kImpossibleDate,
  kFutureDate,
  kBadCheck,
  kSpreadsheetDamage,
};

// Why a row with this problem is rejected (not for kNone).
RejectReason RejectReasonOf(IdProblem p);
// Its stable code for reports and rejects files: "bad_check", "spreadsheet_damage".
const char* IdProblemCode(IdProblem p);

// What clean-up was needed (bit flags), so a loader can say what it saw.
enum IdCleanup : uint8_t {
  kCleanWidth = 1,       // full-width digits or X, Roman numeral Ⅹ
  kCleanBlanks = 2,      // spaces, tabs, ideographic spaces, control characters
  kCleanDashes = 4,      // dashes between digit groups
  kCleanApostrophe = 8,  // a leading apostrophe
  kCleanFormula = 16,    // an ="..." wrapper
  kCleanLowerX = 32,     // lower-case x
};

struct IdNumber {
  char digits[18] = {};  // canonical: 17 digits and a digit or 'X'
  IdKey key = 0;
  Date birth;
  bool upgraded = false;  // given as a 15-digit number

  std::string str() const { return std::string(digits, 18); }
  bool male() const { return (digits[16] - '0') % 2 == 1; }
  int region() const;  // the 6-digit administrative region code
};

struct IdParse {
  IdProblem problem = IdProblem::kNone;
  IdNumber id;          // meaningful when ok()
  uint8_t cleanup = 0;  // IdCleanup flags
  // Why it failed, e.g. "check character should be X, found 7"; never a digit
  // that MaskIdNumber hides.
  std::string detail;

  bool ok() const { return problem == IdProblem::kNone; }
};

// Parses one ID number as it appears in an export. `today` bounds the birth date.
IdParse ParseIdNumber(std::string_view raw, Date today);

// What one character of an ID number stands for under ParseIdNumber's
// clean-up: '0'..'9' or 'X' (full-width forms, Ⅹ and lower-case x too), ' '
// for one that clean-up drops between digit groups (blanks, dashes, control
// characters), 0 for any other. For finding ID numbers in free text.
char IdCharacter(char32_t cp);

// The MOD 11-2 check character of 17 digits.
char IdCheckCharacter(std::string_view first17);

// Masks for display: keeps the region code and the last four characters of a
// canonical number: "430102********123X". Other text (a rejected value) is
// masked in the same spirit: 14 characters or more keep the first six and last
// four, 8 to 13 keep the first two and last two, shorter ones are all masked.
std::string MaskIdNumber(std::string_view s);

// Formats a join key back into the canonical 18-character number.
std::string IdKeyToString(IdKey key);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_IDCARD_H_

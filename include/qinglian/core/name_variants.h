// How two spellings of a person's name agree: the same name, the same name
// in another written form (traditional and simplified characters, a middle
// dot or spacing in a transliterated name), a homophone (the same Mandarin
// readings, 冯勇玉 / 冯永玉: what a pinyin input method makes of a slip), or
// one character different.
//
// The readings and variant forms come from the Unihan database (Debian's
// unicode-data), made into a table when the program is built. A program
// built without it compares names without the homophone and variant rules
// and says so (NameVariants::available()).
#ifndef QINGLIAN_CORE_NAME_VARIANTS_H_
#define QINGLIAN_CORE_NAME_VARIANTS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace qinglian {

// From the strongest agreement to none.
enum class NameAgreement : uint8_t {
  kExact,      // the same after NormaliseName
  kVariant,    // the same written another way: character forms, dots, spacing, case
  kHomophone,  // the same length, every character the same or sharing a reading
  kOneChar,    // the same length (two or more characters), one character different
  kNone,
};

// Its code for JSON and reasons: "exact", "variant", "homophone", "one_char", "none".
const char* NameAgreementCode(NameAgreement a);

class NameVariants {
 public:
  // The tables built into the program.
  static const NameVariants& Builtin();

  // Whether the homophone and variant rules have their tables.
  bool available() const;
  size_t readings() const;  // characters with a reading

  // The name as compared for variants: NormaliseName, without dots and
  // blanks, Latin letters in lower case, each character in its simplified form.
  std::u32string Canonical(std::string_view name) const;
  // Whether the two characters share a Mandarin reading (tones aside).
  bool Homophones(char32_t a, char32_t b) const;
  // How `a` and `b` agree; an empty name agrees with nothing.
  NameAgreement Compare(std::string_view a, std::string_view b) const;
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_NAME_VARIANTS_H_

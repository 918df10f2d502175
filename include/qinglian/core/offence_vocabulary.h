// The offence vocabulary: which labels in police exports name which offence
// type, and what users may type to mean a type or a group of types (黄赌毒).
// It is data (data/vocabulary/offences.json), read once per command:
//
//   {"types": [{"code": "drunk_driving", "zh": "醉酒驾驶", "en": "drunk driving",
//               "bac": [80, null], "patterns": ["醉驾", "危险驾驶+醉", ...],
//               "not": [...], "aliases": [...]}, ...],
//    "groups": [{"code": "vice", "zh": "黄赌毒", "en": "...", "types": [...]}],
//    "bac_labels": ["酒", "醉", "驾", ...]}
//
// A label is compared after NormaliseKeyword. A pattern "A+B" matches a label
// holding both parts; among the matching patterns the longest decides, and a
// type's "not" patterns veto it. Where a record carries a BAC and its label is
// empty or about drink and driving (holds one of "bac_labels"), the BAC
// decides among the types with a "bac" range (GB 19522: 20-79.9 drink, 80 and
// over drunk); below the lowest range it is no offence of these types.
#ifndef QINGLIAN_CORE_OFFENCE_VOCABULARY_H_
#define QINGLIAN_CORE_OFFENCE_VOCABULARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/bac.h"

namespace qinglian {

struct OffenceTypeInfo {
  std::string code, zh, en;
  BacTenths bac_from = kNoBac, bac_below = kNoBac;  // [from, below); below kNoBac: open
  std::vector<std::string> aliases;                 // what users type for it
};

struct OffenceGroupInfo {
  std::string code, zh, en;
  std::vector<std::string> aliases;
  std::vector<uint16_t> types;  // indexes into types()
};

// What a label (and BAC) names.
struct Classification {
  enum Kind : uint8_t {
    kType,      // one of the types: `type`
    kOther,     // a label the vocabulary does not know: an offence of another kind
    kBelowBac,  // a drink-driving record whose BAC is below the lowest range
    kNothing,   // no label and no BAC
  };
  Kind kind = kNothing;
  uint16_t type = 0;
};

class OffenceVocabulary {
 public:
  // Parses the vocabulary file's text; errors name `file` and the field.
  static Result<OffenceVocabulary> Parse(std::string_view json, const std::string& file);

  Classification Classify(std::string_view label, BacTenths bac) const;

  const std::vector<OffenceTypeInfo>& types() const { return types_; }
  const std::vector<OffenceGroupInfo>& groups() const { return groups_; }
  // The index of the type with this code, or -1.
  int TypeIndex(std::string_view code) const;

  // The types a user means by `text`: a type's code, label or alias, a
  // group's code, label or alias (黄赌毒 -> three types), or a police label
  // the patterns classify. Empty when it names nothing.
  std::vector<uint16_t> Resolve(std::string_view text) const;

 private:
  struct Pattern {
    std::vector<std::string> parts;  // normalised
    size_t length = 0;               // code points of all parts: longer is more specific
    uint16_t type = 0;
    bool veto = false;
  };
  // The type whose longest pattern matches `normalised`, or -1.
  int Match(const std::string& normalised) const;

  std::vector<OffenceTypeInfo> types_;
  std::vector<OffenceGroupInfo> groups_;
  std::vector<Pattern> patterns_;
  std::vector<std::string> bac_labels_;  // normalised
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_OFFENCE_VOCABULARY_H_

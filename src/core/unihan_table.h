// The tables cmake/unihan_table.sh generates from the Unihan database at
// build time (never committed): empty when the build found no Unihan files.
#ifndef QINGLIAN_CORE_UNIHAN_TABLE_H_
#define QINGLIAN_CORE_UNIHAN_TABLE_H_

#include <cstddef>

namespace qinglian {

// One Mandarin reading of a character, without its tone ("yong"; "v" for ü).
// A character with several readings has several entries, next to each other.
struct UnihanReading {
  char32_t cp;
  const char* syllable;
};
// A traditional (or other) form and its simplified form.
struct UnihanVariant {
  char32_t from, to;
};

// Sorted by code point; each ends in an end mark not counted in its count.
extern const UnihanReading kUnihanReadings[];
extern const size_t kUnihanReadingCount;
extern const UnihanVariant kUnihanSimplified[];
extern const size_t kUnihanSimplifiedCount;

}  // namespace qinglian

#endif  // QINGLIAN_CORE_UNIHAN_TABLE_H_

#!/bin/sh
# Writes OUT: a C++ source with the Mandarin readings (toneless, from
# Unihan's kMandarin) and the simplified forms (kSimplifiedVariant) of the
# CJK characters, read from the Unihan files of Debian's unicode-data in DIR
# (Unihan_Readings.txt and Unihan_Variants.txt, as .txt, .txt.bz2 or inside
# Unihan.zip). Where they are missing, the tables are empty and the program
# says that the homophone rule is off.
#   sh unihan_table.sh DIR OUT
set -eu
dir=$1
out=$2

# Prints one Unihan file to stdout, or nothing when it is not there.
unihan() {
  if [ -r "$dir/$1.txt" ]; then cat "$dir/$1.txt"
  elif [ -r "$dir/$1.txt.bz2" ] && command -v bzip2 >/dev/null; then bzip2 -dc "$dir/$1.txt.bz2"
  elif [ -r "$dir/Unihan.zip" ] && command -v unzip >/dev/null; then unzip -p "$dir/Unihan.zip" "$1.txt"
  fi
}

tmp="$out.tmp"
{
  echo "// Generated from the Unihan database by cmake/unihan_table.sh: do not edit."
  echo "#include \"core/unihan_table.h\""
  echo
  echo "namespace qinglian {"
  echo
  echo "const UnihanReading kUnihanReadings[] = {"
  unihan Unihan_Readings | awk -F '\t' '
    $2 == "kMandarin" {
      cp = substr($1, 3)
      n = split($3, r, " ")
      for (i = 1; i <= n; i++) {
        s = r[i]
        gsub(/ā|á|ǎ|à/, "a", s); gsub(/ē|é|ě|è/, "e", s); gsub(/ī|í|ǐ|ì/, "i", s)
        gsub(/ō|ó|ǒ|ò/, "o", s); gsub(/ū|ú|ǔ|ù/, "u", s); gsub(/ǖ|ǘ|ǚ|ǜ|ü/, "v", s)
        gsub(/ń|ň|ǹ/, "n", s); gsub(/ḿ/, "m", s); gsub(/ê̄|ê̌|ê/, "e", s)
        printf "    {0x%s, \"%s\"},\n", cp, s
      }
    }'
  echo "    {0, \"\"},  // an end mark: the table may be empty"
  echo "};"
  echo "const size_t kUnihanReadingCount = sizeof(kUnihanReadings) / sizeof(kUnihanReadings[0]) - 1;"
  echo
  echo "const UnihanVariant kUnihanSimplified[] = {"
  unihan Unihan_Variants | awk -F '\t' '
    $2 == "kSimplifiedVariant" {
      split($3, v, " ")
      from = substr($1, 3); to = substr(v[1], 3)
      if (from != to) printf "    {0x%s, 0x%s},\n", from, to
    }'
  echo "    {0, 0},  // an end mark"
  echo "};"
  echo "const size_t kUnihanSimplifiedCount = sizeof(kUnihanSimplified) / sizeof(kUnihanSimplified[0]) - 1;"
  echo
  echo "}  // namespace qinglian"
} >"$tmp"
if cmp -s "$tmp" "$out"; then rm -f "$tmp"; else mv "$tmp" "$out"; fi

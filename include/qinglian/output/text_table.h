// Aligned tables for a terminal: a Chinese character takes two columns, and
// no cell (text from input files) may send a control sequence.
#ifndef QINGLIAN_OUTPUT_TEXT_TABLE_H_
#define QINGLIAN_OUTPUT_TEXT_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace qinglian {

enum class Align { kLeft, kRight };

struct TableStyle {
  std::string indent;        // before every line
  std::vector<Align> align;  // per column; missing columns align left
  bool pad_last = false;     // pad the last column too (no trailing blanks when false)
};

// The rows (the first is the header) as lines of columns two blanks apart.
std::string AlignedTable(std::vector<std::vector<std::string>> rows, const TableStyle& style = {});

// `s` padded with blanks to `width` display columns (a Chinese character
// takes two), on the right or on the left; never cut.
std::string PadRight(std::string_view s, size_t width);
std::string PadLeft(std::string_view s, size_t width);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_TEXT_TABLE_H_

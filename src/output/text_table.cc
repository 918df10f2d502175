#include "qinglian/output/text_table.h"

#include <algorithm>

#include "qinglian/base/text.h"

namespace qinglian {

std::string AlignedTable(std::vector<std::vector<std::string>> rows, const TableStyle& style) {
  std::vector<size_t> width;
  for (auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) {
      r[c] = TerminalText(r[c]);
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], DisplayWidth(r[c]));
    }
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line = style.indent;
    for (size_t c = 0; c < r.size(); ++c) {
      const bool right = c < style.align.size() && style.align[c] == Align::kRight;
      const bool last = c + 1 == r.size();
      const std::string pad(width[c] - DisplayWidth(r[c]), ' ');
      if (c) line += "  ";
      if (right)
        line += pad + r[c];
      else
        line += r[c] + (last && !style.pad_last ? "" : pad);
    }
    out += line + "\n";
  }
  return out;
}

std::string PadRight(std::string_view s, size_t width) {
  const size_t w = DisplayWidth(s);
  return std::string(s) + std::string(w < width ? width - w : 0, ' ');
}

std::string PadLeft(std::string_view s, size_t width) {
  const size_t w = DisplayWidth(s);
  return std::string(w < width ? width - w : 0, ' ') + std::string(s);
}

}  // namespace qinglian

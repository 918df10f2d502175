#include "qinglian/base/csv_writer.h"

namespace qinglian {

void WriteCsvField(std::ostream& out, std::string_view field, char delimiter) {
  const bool quote =
      field.find_first_of(std::string{'"', '\r', '\n', delimiter}) != std::string_view::npos;
  if (!quote) {
    out << field;
    return;
  }
  out << '"';
  for (char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void WriteCsvRow(std::ostream& out, const std::vector<std::string>& fields, char delimiter) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out << delimiter;
    WriteCsvField(out, fields[i], delimiter);
  }
  out << "\r\n";
}

std::string NeutraliseFormula(const std::string& cell) {
  if (cell.empty()) return cell;
  const char c = cell[0];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + cell;
  return cell;
}

}  // namespace qinglian

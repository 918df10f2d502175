#include "base/json_document.h"

namespace qinglian {

Result<nlohmann::json> ParseJsonDocument(std::string_view text, const std::string& file) {
  using nlohmann::json;
  // The last key read names the field when a number does not fit a double.
  std::string key;
  const json::parser_callback_t note_key = [&key](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && parsed.is_string()) key = parsed.get<std::string>();
    return true;
  };
  try {
    return json::parse(text, note_key);
  } catch (const json::parse_error& e) {
    return Status::Error(file + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range& e) {
    // "number overflow parsing '1e400'": a literal such as 1e400.
    const std::string what = e.what();
    const size_t open = what.find('\''), close = what.rfind('\'');
    const std::string number =
        open < close ? "the number " + what.substr(open + 1, close - open - 1) : "a number";
    return Status::Error(file + ": " + (key.empty() ? "" : key + ": ") + number +
                         " is out of range");
  } catch (const json::exception& e) {
    return Status::Error(file + ": not valid JSON (" + e.what() + ")");
  }
}

}  // namespace qinglian

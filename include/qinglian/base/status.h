// Errors as values. Library functions never throw: they return a Status, or a
// Result<T> holding either a value or the Status that explains why there is none.
// Messages carry their location ("hr.csv:17: 公民身份号码: ...") so that the CLI
// can print them as one line.
#ifndef QINGLIAN_BASE_STATUS_H_
#define QINGLIAN_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace qinglian {

class Status {
 public:
  Status() = default;  // success
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  explicit operator bool() const { return ok(); }
  // The error message; empty for success.
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }
  // Returns a copy whose message is prefixed with `where: `.
  Status WithContext(const std::string& where) const {
    return ok() ? *this : Error(where + ": " + *message_);
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

// A value or the error that prevented it. C++20 has no std::expected.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status error) : error_(std::move(error)) { assert(!error_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Status& status() const { return error_; }
  const std::string& error() const { return error_.message(); }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status error_;
};

}  // namespace qinglian

#endif  // QINGLIAN_BASE_STATUS_H_

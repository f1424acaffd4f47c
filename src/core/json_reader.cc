#include "core/json_reader.h"

#include <cstring>
#include <iterator>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/utf8.h"

namespace jianmei {
namespace {

using json = nlohmann::json;

constexpr size_t kNumberPrefixBytes = 32;  // of a number quoted in an error
constexpr size_t kKeyPrefixBytes = 80;     // of each key in a field path

// A pointer into the text that records, in *seen, how far the parser has read: nlohmann's
// events carry no offsets, and its out-of-range error none either.
class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, const char** seen) : p_(p), seen_(seen) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    ++p_;
    if (seen_) *seen_ = p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.p_ == b.p_; }

 private:
  const char* p_ = nullptr;
  const char** seen_ = nullptr;
};

struct DuplicateKey {
  std::string path;
  size_t at;
};

// Follows the parser's events: the path of the value being read ("posts[3].text") and the keys
// of each open object.
class Tracker {
 public:
  Tracker(std::string_view text, const char** seen) : text_(text), seen_(seen) {}

  // nlohmann's parser callback; throws DuplicateKey.
  bool OnEvent(json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        frames_.push_back({event == json::parse_event_t::array_start, 0, ValuePath(), "", {}});
        break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) {
          // Only blanks and a comma lie between the last event and the key's opening quote.
          const size_t quote = text_.find('"', mark_);
          throw DuplicateKey{ValuePath(), quote == std::string_view::npos ? mark_ : quote};
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        ElementDone();
        break;
      case json::parse_event_t::value:
        ElementDone();
        break;
    }
    mark_ = Offset();
    return true;
  }

  // The path of the value being read: "" at the top.
  std::string ValuePath() const {
    if (frames_.empty()) return "";
    const Frame& f = frames_.back();
    if (f.array) return f.path + "[" + std::to_string(f.index) + "]";
    std::string path = f.path;
    if (!path.empty()) path += '.';
    path += utf8::Prefix(f.key, kKeyPrefixBytes);
    return path;
  }

  size_t Offset() const { return static_cast<size_t>(*seen_ - text_.data()); }

 private:
  struct Frame {
    bool array;
    size_t index;      // of the element being read, in an array
    std::string path;  // of this object or array
    std::string key;   // being read, in an object
    std::unordered_set<std::string> keys;
  };

  void ElementDone() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }

  std::string_view text_;
  const char** seen_;
  std::vector<Frame> frames_;
  size_t mark_ = 0;  // offset read when the last event came
};

bool IsNumberByte(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// "path: ", or at the top "where: " or "".
std::string FieldPrefix(std::string_view where, const std::string& path) {
  if (!path.empty()) return path + ": ";
  return where.empty() ? "" : std::string(where) + ": ";
}

// The number the parser has just read (it reads one byte past a number's end) as "PREFIX at byte
// N", cut to kNumberPrefixBytes.
std::string NumberAt(std::string_view text, size_t read) {
  size_t end = std::min(read, text.size());
  if (end > 0 && !IsNumberByte(text[end - 1])) --end;
  size_t begin = end;
  while (begin > 0 && IsNumberByte(text[begin - 1])) --begin;
  std::string number(text.substr(begin, std::min(end - begin, kNumberPrefixBytes)));
  if (end - begin > kNumberPrefixBytes) number += "…";
  return number + " at byte " + std::to_string(begin);
}

}  // namespace

Result<json> ReadJson(std::string_view text, std::string_view what, std::string_view where) {
  const std::string top = FieldPrefix(where, "");
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const size_t at = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    return Status::InvalidArgument(top + "NUL byte at byte " + std::to_string(at) + " (a " +
                                   std::string(what) + " may not contain one)");
  }
  const char* seen = text.data();
  Tracker tracker(text, &seen);
  json::parser_callback_t callback = [&tracker](int, json::parse_event_t event, json& parsed) {
    return tracker.OnEvent(event, parsed);
  };
  try {
    return json::parse(TrackingIterator(text.data(), &seen),
                       TrackingIterator(text.data() + text.size(), nullptr), callback);
  } catch (const DuplicateKey& d) {
    return Status::InvalidArgument(FieldPrefix(where, d.path) + "key given twice at byte " +
                                   std::to_string(d.at) +
                                   " (each key may appear once per object)");
  } catch (const json::parse_error& e) {
    // nlohmann counts the bytes read from 1; offsets here count from 0.
    return Status::InvalidArgument(top + "not JSON: syntax error at byte " +
                                   std::to_string(e.byte > 0 ? e.byte - 1 : 0));
  } catch (const json::out_of_range&) {
    // 406: a number beyond a double (1e999999, a 100,000-digit integer).
    return Status::InvalidArgument(FieldPrefix(where, tracker.ValuePath()) + "number " +
                                   NumberAt(text, tracker.Offset()) +
                                   " is out of range (beyond a double's ±1.8e308)");
  } catch (const json::exception&) {
    return Status::InvalidArgument(top + "not JSON: unreadable at byte " +
                                   std::to_string(tracker.Offset()));
  }
}

}  // namespace jianmei

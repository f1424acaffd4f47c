#include "registry/csv_reader.h"

#include <csv.h>

#include <memory>

namespace jianmei::registry {
namespace {

// libcsv's parser state between records (ROW_NOT_BEGUN in libcsv.c).
constexpr int kRowNotBegun = 0;

struct Collector {
  const std::function<void(CsvRecord&&)>* on_record;
  CsvRecord current;
  int line = 0;  // line being fed
};

void OnField(void* data, size_t len, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  c->current.fields.emplace_back(static_cast<const char*>(data), data ? len : 0);
}

void OnRecord(int, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  (*c->on_record)(std::move(c->current));
  c->current = CsvRecord();
  c->current.line = c->line;  // another record on the same line (a bare CR ended this one)
}

int NoSpace(unsigned char) { return 0; }

}  // namespace

bool ReadCsv(std::string_view data, const std::function<void(CsvRecord&&)>& on_record,
             int* error_line, std::string* error) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    *error_line = 0;
    *error = "cannot initialise the CSV parser";
    return false;
  }
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  csv_set_space_func(&parser, NoSpace);  // RFC 4180: spaces are part of a field
  Collector c{&on_record, {}, 0};
  // Fed one line at a time so that each record knows the line it starts on.
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl + 1;
    ++c.line;
    if (parser.pstate == kRowNotBegun) c.current.line = c.line;
    if (csv_parse(&parser, data.data() + pos, end - pos, OnField, OnRecord, &c) != end - pos) {
      *error_line = c.line;
      *error = std::string("CSV syntax: ") + csv_strerror(csv_error(&parser)) +
               " (a quote inside an unquoted field, or text after a closing quote)";
      return false;
    }
    pos = end;
  }
  if (csv_fini(&parser, OnField, OnRecord, &c) != 0) {
    *error_line = c.current.line;
    *error = "CSV syntax: a quoted field is not closed before the end of the file";
    return false;
  }
  return true;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out(value.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), value.data(), value.size()));
  return out;
}

}  // namespace jianmei::registry

// Writing the CLI's output. Natively stdio; under node (wasm) straight to the file
// descriptor with fs.writeSync, because node writes to pipes asynchronously and the
// runtime's exit would cut a long --json report short.
#pragma once
#include <cstdio>
#include <string_view>

namespace interleave::cli {

void write_out(std::FILE* stream, std::string_view text);

}  // namespace interleave::cli

#include "cli_output.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// A pipe may take part of the buffer per call (or none yet: EAGAIN): loop until it took all.
EM_JS(void, il_write_fd, (int fd, const char* data, int size), {
  const fs = require('fs');
  const bytes = HEAPU8.slice(data, data + size);
  for (let done = 0; done < bytes.length;) {
    try {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
});
#endif

namespace interleave::cli {

void write_out(std::FILE* stream, std::string_view text) {
#ifdef __EMSCRIPTEN__
  std::fflush(stream);
  il_write_fd(stream == stderr ? 2 : 1, text.data(), static_cast<int>(text.size()));
#else
  std::fwrite(text.data(), 1, text.size(), stream);
#endif
}

}  // namespace interleave::cli

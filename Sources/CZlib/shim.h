// zlib for LatentData's gzip reader (Debian package zlib1g-dev).
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call: this wraps it for gzip or zlib input
// (window bits 15, plus 32 to detect the header).
static inline int czlib_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

// The same for raw deflate data without a header, as zip archives store it (window bits −15).
static inline int czlib_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}

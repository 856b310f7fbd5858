// libjpeg (Debian package libjpeg-dev: libjpeg-turbo's libjpeg 6.2 API) for LatentData's JPEG reader and writer.
//
// libjpeg reports a fatal error by calling the error manager's error_exit, whose default ends the process.
// These wrappers install an error manager that records libjpeg's message and jumps back (setjmp/longjmp,
// entirely within this C code, so no Swift frame is skipped), and return the message instead.
// Warnings about corrupt or truncated data, which libjpeg would patch over with grey, are errors here too.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

// The length of the message buffer the wrappers fill on failure.
#define CJPEG_MESSAGE_LENGTH JMSG_LENGTH_MAX

// The largest image accepted, in bytes of decoded pixels (1 GiB), checked from the header before anything is
// allocated for the image.
#define CJPEG_MAXIMUM_BYTES (1UL << 30)

// The most memory libjpeg may take for its own buffers (coefficients of progressive images, tables): 1.5 GiB.
#define CJPEG_MAXIMUM_WORKING_MEMORY (3L << 29)

// The most scans a progressive file may have: real files have about 10; thousands of tiny scans only make
// decoding slow (each scan passes over the whole image).
#define CJPEG_MAXIMUM_SCANS 256

struct cjpeg_error_manager {
    struct jpeg_error_mgr base;  // first, so that libjpeg's pointer to it is a pointer to the whole
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

static inline void cjpeg_fail(j_common_ptr info) {
    struct cjpeg_error_manager *manager = (struct cjpeg_error_manager *)info->err;
    (*info->err->format_message)(info, manager->message);
    longjmp(manager->jump, 1);
}

// Level -1 is a warning (corrupt data); levels 0 and up are traces, which are dropped.
static inline void cjpeg_emit_message(j_common_ptr info, int level) {
    if (level < 0) cjpeg_fail(info);
}

// Called by libjpeg as decoding proceeds: refuses a file with more scans than CJPEG_MAXIMUM_SCANS.
static inline void cjpeg_limit_scans(j_common_ptr info) {
    j_decompress_ptr decompress = (j_decompress_ptr)info;
    if (decompress->input_scan_number > CJPEG_MAXIMUM_SCANS) {
        struct cjpeg_error_manager *manager = (struct cjpeg_error_manager *)info->err;
        snprintf(manager->message, sizeof manager->message, "more than %d progressive scans", CJPEG_MAXIMUM_SCANS);
        longjmp(manager->jump, 1);
    }
}

static inline void cjpeg_install(struct cjpeg_error_manager *manager) {
    jpeg_std_error(&manager->base);
    manager->base.error_exit = cjpeg_fail;
    manager->base.emit_message = cjpeg_emit_message;
    manager->message[0] = 0;
}

static inline void cjpeg_copy_message(char *target, const char *source) {
    strncpy(target, source, CJPEG_MESSAGE_LENGTH - 1);
    target[CJPEG_MESSAGE_LENGTH - 1] = 0;
}

// Decodes `size` bytes of JPEG data into 8-bit pixels, rows top to bottom with channels interleaved:
// grey (1 channel) for greyscale files, RGB (3) for all others.
// Returns 0 and sets *pixels (release it with free), *width, *height and *channels; or returns 1 and
// writes libjpeg's message into `message` (CJPEG_MESSAGE_LENGTH bytes).
static inline int cjpeg_decode(const unsigned char *data, unsigned long size, unsigned char **pixels,
                               int *width, int *height, int *channels, char *message) {
    struct jpeg_decompress_struct info;
    struct cjpeg_error_manager error;
    memset(&info, 0, sizeof info);
    *pixels = NULL;
    cjpeg_install(&error);
    info.err = &error.base;
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        free(*pixels);
        *pixels = NULL;
        cjpeg_copy_message(message, error.message);
        return 1;
    }
    jpeg_create_decompress(&info);
    info.mem->max_memory_to_use = CJPEG_MAXIMUM_WORKING_MEMORY;
    struct jpeg_progress_mgr progress = {.progress_monitor = cjpeg_limit_scans};
    info.progress = &progress;
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    info.out_color_space = info.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
    int components = info.out_color_space == JCS_GRAYSCALE ? 1 : 3;
    if ((unsigned long long)info.image_width * info.image_height * components > CJPEG_MAXIMUM_BYTES) {
        snprintf(error.message, sizeof error.message, "image of %ux%u pixels is too large (at most %lu bytes)",
                 info.image_width, info.image_height, CJPEG_MAXIMUM_BYTES);
        longjmp(error.jump, 1);
    }
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * (size_t)info.output_components;
    *pixels = malloc(stride * info.output_height);
    if (*pixels == NULL) {
        snprintf(error.message, sizeof error.message, "out of memory");
        longjmp(error.jump, 1);
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = *pixels + (size_t)info.output_scanline * stride;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    *width = (int)info.output_width;
    *height = (int)info.output_height;
    *channels = info.output_components;
    jpeg_destroy_decompress(&info);
    return 0;
}

// Encodes 8-bit grey (1 channel) or RGB (3) pixels, rows top to bottom with channels interleaved, as baseline
// JPEG of the given quality (1...100).
// Returns 0 and sets *data (release it with free) and *size; or returns 1 and writes libjpeg's message into `message`.
static inline int cjpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality,
                               unsigned char **data, unsigned long *size, char *message) {
    struct jpeg_compress_struct info;
    struct cjpeg_error_manager error;
    memset(&info, 0, sizeof info);
    *data = NULL;
    *size = 0;
    cjpeg_install(&error);
    info.err = &error.base;
    if (setjmp(error.jump)) {
        jpeg_destroy_compress(&info);
        free(*data);
        *data = NULL;
        cjpeg_copy_message(message, error.message);
        return 1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, data, size);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = channels;
    info.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    size_t stride = (size_t)width * (size_t)channels;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * stride);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return 0;
}

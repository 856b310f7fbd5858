// libpng for LatentReport's PNG reader and writer (Debian package libpng-dev).
// LatentReport uses only libpng's simplified API (png_image_*), which reports errors
// through return values instead of longjmp.
#include <png.h>

// The MPI calls of cmpi.h, through functions and handles looked up in libmpi when it is opened.
#include "cmpi.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

// Open MPI's handles are pointers to its predefined objects; MPI_IN_PLACE is the address 1.
typedef void *cmpi_handle;
#define CMPI_IN_PLACE ((void *)1)
#define CMPI_THREAD_FUNNELED 1
#define CMPI_MAX_ERROR_STRING 256

static struct {
    int (*MPI_Initialized)(int *);
    int (*MPI_Init_thread)(int *, char ***, int, int *);
    int (*MPI_Comm_rank)(cmpi_handle, int *);
    int (*MPI_Comm_size)(cmpi_handle, int *);
    int (*MPI_Comm_set_errhandler)(cmpi_handle, cmpi_handle);
    int (*MPI_Allreduce)(const void *, void *, int, cmpi_handle, cmpi_handle, cmpi_handle);
    int (*MPI_Allgatherv)(const void *, int, cmpi_handle, void *, const int *, const int *, cmpi_handle, cmpi_handle);
    int (*MPI_Bcast)(void *, int, cmpi_handle, int, cmpi_handle);
    int (*MPI_Error_string)(int, char *, int *);
    int (*MPI_Finalize)(void);
    int (*MPI_Abort)(cmpi_handle, int);
    cmpi_handle comm_world, type_float, type_double, type_byte, op_sum, op_max, errors_return;
} api;

static int cmpi_look_up(void *library, const char *name, void **slot, char *reason, size_t reason_size) {
    *slot = dlsym(library, name);
    if (*slot) return 1;
    snprintf(reason, reason_size, "libmpi has no symbol %s (Latent needs Open MPI's libmpi)", name);
    return 0;
}

int cmpi_open(char *reason, size_t reason_size) {
    if (api.MPI_Abort) return 1;
    // RTLD_GLOBAL: Open MPI's own plugins, which it opens later, resolve libmpi's symbols through it.
    void *library = dlopen("libmpi.so.40", RTLD_NOW | RTLD_GLOBAL);
    if (!library) library = dlopen("libmpi.so", RTLD_NOW | RTLD_GLOBAL);
    if (!library) {
        const char *error = dlerror();
        snprintf(reason, reason_size, "cannot open libmpi.so.40 (install Open MPI: apt-get install openmpi-bin libopenmpi-dev): %s",
                 error ? error : "not found");
        return 0;
    }
    struct { const char *name; void **slot; } symbols[] = {
        {"MPI_Initialized", (void **)&api.MPI_Initialized}, {"MPI_Init_thread", (void **)&api.MPI_Init_thread},
        {"MPI_Comm_rank", (void **)&api.MPI_Comm_rank}, {"MPI_Comm_size", (void **)&api.MPI_Comm_size},
        {"MPI_Comm_set_errhandler", (void **)&api.MPI_Comm_set_errhandler},
        {"MPI_Allreduce", (void **)&api.MPI_Allreduce}, {"MPI_Bcast", (void **)&api.MPI_Bcast},
        {"MPI_Allgatherv", (void **)&api.MPI_Allgatherv},
        {"MPI_Error_string", (void **)&api.MPI_Error_string}, {"MPI_Finalize", (void **)&api.MPI_Finalize},
        {"ompi_mpi_comm_world", &api.comm_world}, {"ompi_mpi_float", &api.type_float},
        {"ompi_mpi_double", &api.type_double}, {"ompi_mpi_byte", &api.type_byte}, {"ompi_mpi_op_sum", &api.op_sum},
        {"ompi_mpi_op_max", &api.op_max}, {"ompi_mpi_errors_return", &api.errors_return},
        {"MPI_Abort", (void **)&api.MPI_Abort},
    };
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        if (!cmpi_look_up(library, symbols[i].name, symbols[i].slot, reason, reason_size)) {
            // An incomplete table would call through null pointers: forget it all.
            memset(&api, 0, sizeof api);
            return 0;
        }
    }
    return 1;
}

int cmpi_init(int *rank, int *size) {
    int initialized = 0, provided = 0;
    int code = api.MPI_Initialized(&initialized);
    if (code == 0 && !initialized) code = api.MPI_Init_thread(NULL, NULL, CMPI_THREAD_FUNNELED, &provided);
    if (code == 0) code = api.MPI_Comm_set_errhandler(api.comm_world, api.errors_return);
    if (code == 0) code = api.MPI_Comm_rank(api.comm_world, rank);
    if (code == 0) code = api.MPI_Comm_size(api.comm_world, size);
    return code;
}

int cmpi_allreduce_sum_float(float *values, int count) {
    return api.MPI_Allreduce(CMPI_IN_PLACE, values, count, api.type_float, api.op_sum, api.comm_world);
}

int cmpi_allreduce_double(double *values, int count, int maximum) {
    return api.MPI_Allreduce(CMPI_IN_PLACE, values, count, api.type_double, maximum ? api.op_max : api.op_sum, api.comm_world);
}

int cmpi_allgather_float(const float *values, int count, float *gathered, const int *counts, const int *offsets) {
    return api.MPI_Allgatherv(values, count, api.type_float, gathered, counts, offsets, api.type_float, api.comm_world);
}

int cmpi_broadcast(void *bytes, int count, int root) {
    return api.MPI_Bcast(bytes, count, api.type_byte, root, api.comm_world);
}

void cmpi_error_string(int code, char *text, size_t text_size) {
    char message[CMPI_MAX_ERROR_STRING] = {0};
    int length = 0;
    if (api.MPI_Error_string && api.MPI_Error_string(code, message, &length) == 0) {
        snprintf(text, text_size, "%s", message);
    } else {
        snprintf(text, text_size, "MPI error %d", code);
    }
}

int cmpi_finalize(void) { return api.MPI_Finalize(); }

void cmpi_abort(int code) { api.MPI_Abort(api.comm_world, code); }

// The few MPI calls of Latent's data-parallel training, on Open MPI's libmpi opened at run time.
//
// libmpi is opened (dlopen) when distributed training is asked for, not linked: a build needs no MPI
// headers or link flags, and every other command runs where Open MPI is not installed. Handles such as
// MPI_COMM_WORLD are Open MPI's global objects (`ompi_mpi_comm_world`, …), looked up by name, so only
// Open MPI's ABI is supported (MPICH's handles are integers).
#ifndef CMPI_H
#define CMPI_H

#include <stddef.h>
#include <stdint.h>

// Opens libmpi and finds the functions and handles used below; returns 1 when it could, 0 otherwise,
// with the reason in `reason` (then none of the functions below may be called). Safe to call more
// than once, from one thread at a time.
int cmpi_open(char *reason, size_t reason_size);

// Initializes MPI (one thread calls MPI), makes errors on MPI_COMM_WORLD return codes rather than abort,
// and reports this process's rank and the number of ranks. Returns MPI's error code (0 on success).
int cmpi_init(int *rank, int *size);

// Sums `count` floats in place over every rank. Returns MPI's error code.
int cmpi_allreduce_sum_float(float *values, int count);

// Combines `count` doubles in place over every rank: their sum, or their largest when `maximum`.
int cmpi_allreduce_double(double *values, int count, int maximum);

// Gathers every rank's `count` floats from `values` into `gathered`, rank by rank: rank r's `counts[r]`
// floats land at `gathered + offsets[r]`, on every rank. Returns MPI's error code.
int cmpi_allgather_float(const float *values, int count, float *gathered, const int *counts, const int *offsets);

// Copies `count` bytes from rank `root` to every other rank. Returns MPI's error code.
int cmpi_broadcast(void *bytes, int count, int root);

// MPI's description of error code `code`, written into `text`.
void cmpi_error_string(int code, char *text, size_t text_size);

// Ends MPI on this rank. Returns MPI's error code.
int cmpi_finalize(void);

// Stops every rank with `code` (MPI_Abort on MPI_COMM_WORLD).
void cmpi_abort(int code);

#endif

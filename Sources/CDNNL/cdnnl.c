// The convolutions of cdnnl.h, calling libdnnl through functions looked up when it is opened.
#include "cdnnl.h"

#include <dlfcn.h>
#include <dnnl.h>

// The libdnnl functions used here, as `X(name)`.
#define CDNNL_FUNCTIONS(X) \
    X(dnnl_engine_create) X(dnnl_stream_create) X(dnnl_stream_wait) \
    X(dnnl_memory_desc_init_by_tag) X(dnnl_memory_desc_equal) X(dnnl_memory_desc_get_size) \
    X(dnnl_memory_create) X(dnnl_memory_destroy) \
    X(dnnl_primitive_attr_create) X(dnnl_primitive_attr_destroy) X(dnnl_primitive_attr_set_scratchpad_mode) \
    X(dnnl_dilated_convolution_forward_desc_init) X(dnnl_dilated_convolution_backward_data_desc_init) \
    X(dnnl_dilated_convolution_backward_weights_desc_init) X(dnnl_reorder_primitive_desc_create) \
    X(dnnl_primitive_desc_create) X(dnnl_primitive_desc_destroy) X(dnnl_primitive_desc_query_md) \
    X(dnnl_primitive_create) X(dnnl_primitive_destroy) X(dnnl_primitive_get_primitive_desc) \
    X(dnnl_primitive_execute)

// The OpenMP runtime's function that libdnnl's threads follow.
void omp_set_num_threads(int count);

#define CDNNL_FIELD(name) __typeof__(name) *name;
static struct {
    CDNNL_FUNCTIONS(CDNNL_FIELD)
    __typeof__(omp_set_num_threads) *omp_set_num_threads;
} api;

int cdnnl_open(void) {
    if (api.dnnl_primitive_execute) return 1;
    void *library = dlopen("libdnnl.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!library) library = dlopen("libdnnl.so", RTLD_NOW | RTLD_LOCAL);
    if (!library) return 0;
    int found = 1;
#define CDNNL_LOOK_UP(name) found = found && (*(void **)&api.name = dlsym(library, #name)) != NULL;
    CDNNL_FUNCTIONS(CDNNL_LOOK_UP)
    CDNNL_LOOK_UP(omp_set_num_threads)
    if (!found) {
        // An incomplete table would call through null pointers: forget it all.
        __builtin_memset(&api, 0, sizeof api);
        return 0;
    }
    return 1;
}

int cdnnl_openmp_loaded(void) {
    void *runtime = dlopen("libgomp.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (!runtime) return 0;
    dlclose(runtime);
    return 1;
}

dnnl_status_t cdnnl_device_create(dnnl_engine_t *engine, dnnl_stream_t *stream) {
    dnnl_status_t status = api.dnnl_engine_create(engine, dnnl_cpu, 0);
    if (status == dnnl_success) status = api.dnnl_stream_create(stream, *engine, dnnl_stream_default_flags);
    return status;
}

void cdnnl_set_num_threads(int count) { api.omp_set_num_threads(count); }

static void cdnnl_plain_desc(dnnl_memory_desc_t *desc, int ndims, const int64_t *dims, dnnl_format_tag_t tag) {
    dnnl_dims_t d = {0};
    for (int i = 0; i < ndims; i++) d[i] = dims[i];
    api.dnnl_memory_desc_init_by_tag(desc, ndims, d, dnnl_f32, tag);
}

// Releases the primitives of `conv` that were made.
void cdnnl_convolution_destroy(cdnnl_convolution *conv) {
    if (conv->convolution) api.dnnl_primitive_destroy(conv->convolution);
    for (int i = 0; i < 3; i++) if (conv->reorders[i]) api.dnnl_primitive_destroy(conv->reorders[i]);
}

// The argument numbers of `kind`'s two operands and result.
static void cdnnl_arguments(cdnnl_kind kind, int args[3]) {
    switch (kind) {
    case cdnnl_forward:
        args[0] = DNNL_ARG_SRC; args[1] = DNNL_ARG_WEIGHTS; args[2] = DNNL_ARG_DST; break;
    case cdnnl_backward_data:
        args[0] = DNNL_ARG_DIFF_DST; args[1] = DNNL_ARG_WEIGHTS; args[2] = DNNL_ARG_DIFF_SRC; break;
    case cdnnl_backward_weights:
        args[0] = DNNL_ARG_SRC; args[1] = DNNL_ARG_DIFF_DST; args[2] = DNNL_ARG_DIFF_WEIGHTS; break;
    }
}

// The primitive for `kind` over plain nchw / (g)oihw buffers with a user-managed scratchpad, running on
// layouts of oneDNN's choosing when `blocked`. The forward primitive adds a bias when `with_bias`.
dnnl_status_t cdnnl_convolution_create(
    dnnl_engine_t engine, cdnnl_kind kind, cdnnl_geometry g, int with_bias, int blocked, cdnnl_convolution *result
) {
    dnnl_memory_desc_t src, dst, weights, bias, any_src, any_dst, any_weights;
    int64_t src_dims[4] = {g.batch, g.in_channels, g.in_height, g.in_width};
    int64_t dst_dims[4] = {g.batch, g.out_channels, g.out_height, g.out_width};
    cdnnl_plain_desc(&src, 4, src_dims, dnnl_nchw);
    cdnnl_plain_desc(&dst, 4, dst_dims, dnnl_nchw);
    cdnnl_plain_desc(&any_src, 4, src_dims, blocked ? dnnl_format_tag_any : dnnl_nchw);
    cdnnl_plain_desc(&any_dst, 4, dst_dims, blocked ? dnnl_format_tag_any : dnnl_nchw);
    if (g.groups == 1) {
        int64_t dims[4] = {g.out_channels, g.in_channels, g.kernel_height, g.kernel_width};
        cdnnl_plain_desc(&weights, 4, dims, dnnl_oihw);
        cdnnl_plain_desc(&any_weights, 4, dims, blocked ? dnnl_format_tag_any : dnnl_oihw);
    } else {
        int64_t dims[5] = {g.groups, g.out_channels / g.groups, g.in_channels / g.groups, g.kernel_height, g.kernel_width};
        cdnnl_plain_desc(&weights, 5, dims, dnnl_goihw);
        cdnnl_plain_desc(&any_weights, 5, dims, blocked ? dnnl_format_tag_any : dnnl_goihw);
    }
    int64_t bias_dims[1] = {g.out_channels};
    cdnnl_plain_desc(&bias, 1, bias_dims, dnnl_x);
    int64_t span_h = (g.kernel_height - 1) * g.dilation_h + 1, span_w = (g.kernel_width - 1) * g.dilation_w + 1;
    dnnl_dims_t strides = {g.stride_h, g.stride_w};
    dnnl_dims_t dilates = {g.dilation_h - 1, g.dilation_w - 1};
    dnnl_dims_t pad_l = {g.pad_h, g.pad_w};
    dnnl_dims_t pad_r = {(g.out_height - 1) * g.stride_h + span_h - g.in_height - g.pad_h,
                         (g.out_width - 1) * g.stride_w + span_w - g.in_width - g.pad_w};
    const dnnl_memory_desc_t *plain[3];
    switch (kind) {
    case cdnnl_forward: plain[0] = &src; plain[1] = &weights; plain[2] = &dst; break;
    case cdnnl_backward_data: plain[0] = &dst; plain[1] = &weights; plain[2] = &src; break;
    case cdnnl_backward_weights: plain[0] = &src; plain[1] = &dst; plain[2] = &weights; break;
    }

    result->convolution = NULL;
    for (int i = 0; i < 3; i++) { result->reorders[i] = NULL; result->blocked_bytes[i] = 0; }
    dnnl_primitive_attr_t attr;
    dnnl_status_t status = api.dnnl_primitive_attr_create(&attr);
    if (status != dnnl_success) return status;
    status = api.dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
    dnnl_convolution_desc_t forward_desc, desc;
    dnnl_primitive_desc_t hint = NULL, pd = NULL;
    if (status == dnnl_success)
        status = api.dnnl_dilated_convolution_forward_desc_init(
            &forward_desc, dnnl_forward_training, dnnl_convolution_direct, &any_src, &any_weights,
            kind == cdnnl_forward && with_bias ? &bias : NULL, &any_dst, strides, dilates, pad_l, pad_r);
    if (status == dnnl_success)
        status = api.dnnl_primitive_desc_create(kind == cdnnl_forward ? &pd : &hint, &forward_desc, attr, engine, NULL);
    if (status == dnnl_success && kind == cdnnl_backward_data) {
        status = api.dnnl_dilated_convolution_backward_data_desc_init(
            &desc, dnnl_convolution_direct, &any_src, &any_weights, &any_dst, strides, dilates, pad_l, pad_r);
        if (status == dnnl_success) status = api.dnnl_primitive_desc_create(&pd, &desc, attr, engine, hint);
    } else if (status == dnnl_success && kind == cdnnl_backward_weights) {
        status = api.dnnl_dilated_convolution_backward_weights_desc_init(
            &desc, dnnl_convolution_direct, &any_src, &any_weights, NULL, &any_dst, strides, dilates, pad_l, pad_r);
        if (status == dnnl_success) status = api.dnnl_primitive_desc_create(&pd, &desc, attr, engine, hint);
    }
    int args[3];
    cdnnl_arguments(kind, args);
    for (int i = 0; i < 3 && status == dnnl_success; i++) {
        const dnnl_memory_desc_t *chosen = api.dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, args[i]);
        if (api.dnnl_memory_desc_equal(chosen, plain[i])) continue;
        dnnl_primitive_desc_t reorder_pd;
        status = i < 2 ? api.dnnl_reorder_primitive_desc_create(&reorder_pd, plain[i], engine, chosen, engine, NULL)
                       : api.dnnl_reorder_primitive_desc_create(&reorder_pd, chosen, engine, plain[i], engine, NULL);
        if (status == dnnl_success) {
            status = api.dnnl_primitive_create(&result->reorders[i], reorder_pd);
            api.dnnl_primitive_desc_destroy(reorder_pd);
        }
        result->blocked_bytes[i] = api.dnnl_memory_desc_get_size(chosen);
    }
    if (status == dnnl_success) {
        result->scratchpad_bytes = api.dnnl_memory_desc_get_size(api.dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0));
        status = api.dnnl_primitive_create(&result->convolution, pd);
    }
    if (status != dnnl_success) {
        cdnnl_convolution_destroy(result);
        result->convolution = NULL;
    }
    if (pd) api.dnnl_primitive_desc_destroy(pd);
    if (hint) api.dnnl_primitive_desc_destroy(hint);
    api.dnnl_primitive_attr_destroy(attr);
    return status;
}

// Wraps `handle` as the memory argument `arg` of the primitive described by `pd`, appending it to `args`.
static dnnl_status_t cdnnl_bind(
    const_dnnl_primitive_desc_t pd, dnnl_engine_t engine, int arg, void *handle, dnnl_exec_arg_t *args, int *count
) {
    const dnnl_memory_desc_t *md = api.dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, arg);
    args[*count].arg = arg;
    dnnl_status_t status = api.dnnl_memory_create(&args[*count].memory, md, engine, handle);
    if (status == dnnl_success) *count += 1;
    return status;
}

// Reorders `from` into `to` with `reorder`.
static dnnl_status_t cdnnl_reorder(
    dnnl_primitive_t reorder, dnnl_engine_t engine, dnnl_stream_t stream, void *from, void *to
) {
    const_dnnl_primitive_desc_t pd;
    dnnl_status_t status = api.dnnl_primitive_get_primitive_desc(reorder, &pd);
    dnnl_exec_arg_t args[2];
    int count = 0;
    if (status == dnnl_success) status = cdnnl_bind(pd, engine, DNNL_ARG_FROM, from, args, &count);
    if (status == dnnl_success) status = cdnnl_bind(pd, engine, DNNL_ARG_TO, to, args, &count);
    if (status == dnnl_success) status = api.dnnl_primitive_execute(reorder, stream, count, args);
    for (int i = 0; i < count; i++) api.dnnl_memory_destroy(args[i].memory);
    return status;
}

// Runs `conv` on `stream` and waits for it. For the forward product `a` is the image, `b` the weights,
// `c` the bias or NULL, `out` the map; for backward data `a` is the map's gradient, `b` the weights,
// `out` the image's gradient; for backward weights `a` is the image, `b` the map's gradient, `out` the
// weights' gradient. `work` holds the blocked copies, one after another, then the scratchpad, each
// starting on a 64-byte boundary.
dnnl_status_t cdnnl_convolution_execute(
    const cdnnl_convolution *conv, dnnl_engine_t engine, dnnl_stream_t stream, cdnnl_kind kind,
    const float *a, const float *b, const float *c, float *out, char *work
) {
    int arg_ids[3];
    cdnnl_arguments(kind, arg_ids);
    void *handles[3] = {(void *)a, (void *)b, out};
    void *used[3];
    dnnl_status_t status = dnnl_success;
    for (int i = 0; i < 3; i++) {
        used[i] = handles[i];
        if (!conv->reorders[i]) continue;
        used[i] = work;
        work += (conv->blocked_bytes[i] + 63) / 64 * 64;
        if (i < 2 && status == dnnl_success) status = cdnnl_reorder(conv->reorders[i], engine, stream, handles[i], used[i]);
    }
    const_dnnl_primitive_desc_t pd;
    if (status == dnnl_success) status = api.dnnl_primitive_get_primitive_desc(conv->convolution, &pd);
    dnnl_exec_arg_t args[5];
    int count = 0;
    for (int i = 0; i < 3 && status == dnnl_success; i++)
        status = cdnnl_bind(pd, engine, arg_ids[i], used[i], args, &count);
    if (status == dnnl_success && c && kind == cdnnl_forward)
        status = cdnnl_bind(pd, engine, DNNL_ARG_BIAS, (void *)c, args, &count);
    if (status == dnnl_success && conv->scratchpad_bytes > 0)
        status = cdnnl_bind(pd, engine, DNNL_ARG_SCRATCHPAD, work, args, &count);
    if (status == dnnl_success) status = api.dnnl_primitive_execute(conv->convolution, stream, count, args);
    for (int i = 0; i < count; i++) api.dnnl_memory_destroy(args[i].memory);
    if (status == dnnl_success && conv->reorders[2])
        status = cdnnl_reorder(conv->reorders[2], engine, stream, used[2], out);
    if (status == dnnl_success) status = api.dnnl_stream_wait(stream);
    return status;
}

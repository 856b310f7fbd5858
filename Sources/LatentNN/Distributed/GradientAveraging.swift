import LatentTensor

extension ProcessGroup {
    /// The mean over every rank of each of `gradients`, as new tensors: the gradients of `parameters`
    /// (in their order, the same on every rank) packed into buckets of up to `bucketSize` values, one
    /// all-reduce per bucket.
    public func average(_ gradients: Gradients, of parameters: [NamedParameter], bucketSize: Int = ProcessGroup.bucketSize) -> Gradients {
        precondition(bucketSize >= 1, "ProcessGroup.average: bucketSize must be at least 1, got \(bucketSize)")
        let present = parameters.compactMap { parameter in gradients[parameter.name].map { (parameter.name, $0) } }
        precondition(present.count == gradients.count,
                     "ProcessGroup.average: gradients for names not among the parameters: \(Set(gradients.keys).subtracting(present.map(\.0)).sorted())")
        var averaged: Gradients = [:]
        var bucket: [(name: String, gradient: Tensor)] = []
        var filled = 0
        func reduceBucket() {
            guard !bucket.isEmpty else { return }
            var values = [Float](repeating: 0, count: filled)
            values.withUnsafeMutableBufferPointer { buffer in
                var offset = 0
                for (_, gradient) in bucket {
                    gradient.withValues { source in
                        if let start = source.baseAddress { (buffer.baseAddress! + offset).update(from: start, count: source.count) }
                    }
                    offset += gradient.count
                }
                sum(buffer)
                let scale = 1 / Float(size)
                offset = 0
                for (name, gradient) in bucket {
                    let mean = Tensor.zeros(gradient.shape)
                    mean.withMutableValues { target in
                        for index in target.indices { target[index] = buffer[offset + index] * scale }
                    }
                    averaged[name] = mean
                    offset += gradient.count
                }
            }
            bucket.removeAll(keepingCapacity: true)
            filled = 0
        }
        for (name, gradient) in present {
            if filled > 0 && filled + gradient.count > bucketSize { reduceBucket() }
            bucket.append((name, gradient))
            filled += gradient.count
        }
        reduceBucket()
        return averaged
    }

    /// The values an all-reduce carries at most (25 MiB of floats, PyTorch DDP's default bucket).
    public static let bucketSize = 25 * 1024 * 1024 / MemoryLayout<Float>.size
}

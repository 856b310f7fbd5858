import Foundation

extension DownloadSource {
    /// MNIST's four gzip-compressed IDX files, from PyTorch's S3 mirror and then the MNIST site, with the MD5
    /// digests torchvision checks. Smallest first.
    public static let mnist = DownloadSource(
        name: "mnist",
        mirrors: [URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!, URL(string: "http://yann.lecun.com/exdb/mnist/")!],
        files: [
            RemoteFile(name: "t10k-labels-idx1-ubyte.gz", checksum: .md5("ec29112dd5afa0611ce80d1b7f02629c"), size: 4_542),
            RemoteFile(name: "train-labels-idx1-ubyte.gz", checksum: .md5("d53e105ee54ea40749a09fcbcd1e9432"), size: 28_881),
            RemoteFile(name: "t10k-images-idx3-ubyte.gz", checksum: .md5("9fb629c4189551a2d022fa330f9573f3"), size: 1_648_877),
            RemoteFile(name: "train-images-idx3-ubyte.gz", checksum: .md5("f68b3c2dcbeaaa9fbdd348bbdeb94873"), size: 9_912_422),
        ])

    /// Fashion-MNIST's four gzip-compressed IDX files, from Zalando Research's GitHub repository and then its S3
    /// bucket, with the MD5 digests the project publishes. Smallest first.
    public static let fashionMNIST = DownloadSource(
        name: "fashion-mnist",
        mirrors: [
            URL(string: "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")!,
            URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!,
        ],
        files: [
            RemoteFile(name: "t10k-labels-idx1-ubyte.gz", checksum: .md5("bb300cfdad3c16e7a12a480ee83cd310"), size: 5_148),
            RemoteFile(name: "train-labels-idx1-ubyte.gz", checksum: .md5("25c81989df183df01b3e8a0aad5dffbe"), size: 29_515),
            RemoteFile(name: "t10k-images-idx3-ubyte.gz", checksum: .md5("bef4ecab320f06d8554ea6380940ec79"), size: 4_422_102),
            RemoteFile(name: "train-images-idx3-ubyte.gz", checksum: .md5("8d4fb7e6c68d591d4c3dfef9ec88bf0d"), size: 26_421_880),
        ])

    /// CIFAR-10's binary version from Alex Krizhevsky's page at the University of Toronto, with the MD5 published
    /// there; its six batch files are unpacked into `cifar-10-batches-bin/`.
    public static let cifar10 = DownloadSource(
        name: "cifar10",
        mirrors: [URL(string: "https://www.cs.toronto.edu/~kriz/")!],
        files: [RemoteFile(name: "cifar-10-binary.tar.gz", checksum: .md5("c32a1d4ab5d03f1284b67883e8d87530"), size: 170_052_171)],
        unpacking: .tarGzip(
            folder: CIFAR10.batchFolderName,
            members: Dictionary(uniqueKeysWithValues: (CIFAR10.fileNames(.train) + CIFAR10.fileNames(.test)).map {
                ($0, CIFAR10.recordsPerFile * CIFAR10.recordSize)
            })))

    /// The sources of the data sets that can be downloaded, by catalog name.
    public static let builtIn: [String: DownloadSource] = [
        mnist.name: mnist, fashionMNIST.name: fashionMNIST, cifar10.name: cifar10,
    ]
}

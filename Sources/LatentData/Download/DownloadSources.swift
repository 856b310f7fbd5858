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
        horse2zebra.name: horse2zebra,
        facades.name: facades,
        edges2shoes.name: edges2shoes,
        stl10.name: stl10,
        celeba.name: celeba,
    ]

    /// CycleGAN's horse2zebra archive from the Berkeley server that CycleGAN's scripts use, then the older address
    /// TensorFlow Datasets lists; unpacked into `horse2zebra/` (`trainA/`, `trainB/`, `testA/`, `testB/`).
    /// Size and SHA-256 as published by TensorFlow Datasets in `tensorflow_datasets/url_checksums/cycle_gan.txt`.
    public static let horse2zebra = DownloadSource(
        name: "horse2zebra",
        mirrors: [
            URL(string: "https://efrosgans.eecs.berkeley.edu/cyclegan/datasets/")!,
            URL(string: "https://people.eecs.berkeley.edu/~taesung_park/CycleGAN/datasets/")!,
        ],
        files: [RemoteFile(
            name: "horse2zebra.zip", checksum: .sha256("a74d9d392eecca9966b51287a76ca126af473d9de4f3e8fc0e9cda08fa1730a1"),
            size: 116_867_962)],
        unpacking: .archive("horse2zebra.zip", folder: "horse2zebra"))

    /// pix2pix's `NAME.tar.gz` from the Berkeley server that pix2pix's scripts use, unpacked into `NAME/`
    /// (`train/`, `val/`, `test/` of side-by-side A|B JPEG images). No checksum is published for these archives.
    static func pix2pix(_ name: String) -> DownloadSource {
        DownloadSource(
            name: name, mirrors: [URL(string: "https://efrosgans.eecs.berkeley.edu/pix2pix/datasets/")!],
            files: [RemoteFile(name: name + ".tar.gz", checksum: .notPublished)],
            unpacking: .archive(name + ".tar.gz", folder: name))
    }

    /// pix2pix's facades (CMP Facade Database): labels ↔ photos.
    public static let facades = pix2pix("facades")

    /// pix2pix's edges2shoes: edge maps ↔ shoe photos.
    public static let edges2shoes = pix2pix("edges2shoes")

    /// STL-10's binary version from Adam Coates's page at Stanford, unpacked into `stl10_binary/`. MD5 as
    /// torchvision's `STL10` class publishes it (`tgz_md5`); size as TensorFlow Datasets publishes it
    /// (`tensorflow_datasets/url_checksums/stl10.txt`).
    public static let stl10 = DownloadSource(
        name: "stl10",
        mirrors: [URL(string: "http://ai.stanford.edu/~acoates/stl10/")!],
        files: [RemoteFile(name: "stl10_binary.tar.gz", checksum: .md5("91f7769df0f17e558f3565bffb0c7dfb"), size: 2_640_397_119)],
        unpacking: .archive("stl10_binary.tar.gz", folder: STL10.folderName))

    /// CelebA's aligned images and their attribute and partition lists. MD5s as torchvision's `CelebA` class
    /// publishes them (`file_list`); sizes as TensorFlow Datasets publishes them
    /// (`tensorflow_datasets/url_checksums/celeb_a.txt`). The publisher serves them only from Google Drive, which
    /// has no plain URL per file name, so there is no default mirror.
    public static let celeba = DownloadSource(
        name: "celeba",
        mirrors: [],
        files: [
            RemoteFile(name: "list_eval_partition.txt", checksum: .md5("d32c9cbf5e040fd4025c592c306e6668"), size: 2_836_386),
            RemoteFile(name: "list_attr_celeba.txt", checksum: .md5("75e246fa4810816ffd6ee81facbd244c"), size: 26_721_026),
            RemoteFile(name: "img_align_celeba.zip", checksum: .md5("00d2c5bc6d35e252742224ab0c1e8fcb"), size: 1_443_490_838),
        ],
        unpacking: .archive("img_align_celeba.zip", folder: CelebA.imageFolderName),
        manualInstructions: """
            download img_align_celeba.zip (Img/), list_attr_celeba.txt (Anno/) and list_eval_partition.txt (Eval/) \
            from the CelebA page's Google Drive folder (mmlab.ie.cuhk.edu.hk/projects/CelebA.html), then run \
            `latent data download celeba --base-url file:///FOLDER/` on the folder that holds them
            """)
}

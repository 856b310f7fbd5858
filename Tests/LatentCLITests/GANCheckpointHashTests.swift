import Foundation
import LatentData
import LatentTestSupport
import Testing

// Every GAN of the catalog, and every GAN option, trained 20 steps by `latent train` (batch 8, one thread,
// seed 1, the bundled MNIST or the toy ring, a debug build) must end in the same checkpoint bytes as when
// the hashes below were recorded, before the GAN became a generic adversarial game. A child process per
// run keeps the global random generator to itself, so the runs may go in parallel. The hashes are those of each `*.safetensors` file of
// the last checkpoint and of the manifest's random generator states (its other metadata may change).

@Suite struct GANCheckpointHashTests {
    /// One run: the model, its options, and the SHA-256 of each checkpoint file and of the random states.
    struct Case: CustomTestStringConvertible, Sendable {
        let model: String
        let options: [String]
        let hashes: [String: String]

        init(_ model: String, _ options: [String], _ hashes: [String: String]) {
            self.model = model
            self.options = options
            self.hashes = hashes
        }

        var testDescription: String { ([model] + options).joined(separator: " ") }
    }

    /// Every entry, and every option at least once; the DCGAN-MNIST family without its FC 1024 layers
    /// (`hidden_size=0`), which take most of the time and no part of the game.
    static let cases: [Case] = [
        Case("gan", [], [
            "discriminator.safetensors": "5fd5ee2592f70b637a00b80764e7607161c9df27ec4d7134d19c277ac3712c2b",
            "discriminator_optimizer.safetensors": "57368b7005c1b5eee0eb8b7837a7b4f57101a52d4dda29432b393ec210584282",
            "generator.safetensors": "aa3d655ad150c9e8032c118144c07e2e773a303e2a509abfdd32934f6e308fe4",
            "generator_optimizer.safetensors": "bd3aa3a7475854ebeac3452b539b31523ebb286c6bf69a4f45fd0cb1eb3b928e",
            "random": "702213f6d1225ab0261c7bf03ed157cd4d59d035a1c6a7dd6ad7ac2f0d790869",
        ]),
        Case("gan", ["d_dropout=0.3", "minibatch_discrimination=4", "minibatch_stddev=true", "diff_augment=color", "label_smoothing=0.1", "instance_noise=0.5", "grad_clip=1"], [
            "discriminator.safetensors": "847afe58fd69d643d69f00dc01e8b8f62cee7899f9cbb42009e30d52af9a6990",
            "discriminator_optimizer.safetensors": "a881c9b33ad23e945b2d11ce519a46a25b2532f406909f94b6f2bbce2b8b9c80",
            "generator.safetensors": "c064a9d3eabe2cd593826f952aebd373f90dca4f3845d1f7ebeaaf58ee59e71d",
            "generator_optimizer.safetensors": "ffffa079fb8a1c9fec188a1250ab2cea56b11ac055d11d7fb5fd7216a193c3e1",
            "random": "ddcf30014d506ee9d67c9cbc7f7f1460a3a4554a572249bcb40d92b6086b0602",
        ]),
        Case("dcgan", ["hidden_size=0"], [
            "discriminator.safetensors": "d5b4ae61a5ac65a35b77cad2656805018303b3e714954ee7d4ecf6fcbfdf65f1",
            "discriminator_optimizer.safetensors": "f7889c4b52475c3b159b20e5f74f7d38b07c4ae73cbf9c98ebc2972c7126604e",
            "generator.safetensors": "b17e260715b1ae42e70cb5788df917cce27c4175e0fcd6823be0f3fca55c8125",
            "generator_ema.safetensors": "8ec2f8c1d1f6eacf72a1e9a7bc10662003719c504b4f1de4059a72c22dbb8513",
            "generator_optimizer.safetensors": "7c0d18e097307cbfbfa227a18bd600d7b96e9625efde4d5af30d73bc6afea93c",
            "random": "c5bcd7b0dfc4ea9bb011973ef803eb4bb972525a254a98c31928ffb44a373fc9",
        ]),
        Case("dcgan", ["hidden_size=0", "g_ema=0", "feature_matching=true", "minibatch_stddev=true", "diff_augment=cutout"], [
            "discriminator.safetensors": "6230d3b957bb2843e923dcd60bc3e73b470365b382e46546762990c3c31e2990",
            "discriminator_optimizer.safetensors": "cdd2b5cdc4a3055e14cccf4401278e3405a9966caa6fc296769f3623a3f69441",
            "generator.safetensors": "2ba9220ea6b4987cd415aaf6352f1e4646c5e98083c7bc8725a4aaefa020867d",
            "generator_optimizer.safetensors": "0c8c7fc31a154496ff254c9a687eab1f871cc0af29b0f19f85b042f2a2695727",
            "random": "af1526158090e385e30b344e4c1e7c8366dad8d045cf172f3c13adadfb209bdf",
        ]),
        Case("dcgan", ["hidden_size=0", "g_ema=0.9", "unrolled_steps=2"], [
            "discriminator.safetensors": "52d441507496e59378742d433a8aaa718d50f1d5030b565a710c0f877624efb2",
            "discriminator_optimizer.safetensors": "5ca40c99d06a2390dd42dac11d27223eb64834870384127e10e3124607b4ad52",
            "generator.safetensors": "74b318ace05767b8195100567401485a1b967b072555e13d1460799f9937c42a",
            "generator_ema.safetensors": "4b300b6b8041e58370041d6937801888e876826bd2445815ea6d292c52edcdd0",
            "generator_optimizer.safetensors": "c8310f06fdd25a92978efe1b8d195f26034dcd22a176f5beedc51091c047102f",
            "random": "c5bcd7b0dfc4ea9bb011973ef803eb4bb972525a254a98c31928ffb44a373fc9",
        ]),
        Case("wgan", ["hidden_size=0"], [
            "discriminator.safetensors": "a7ea5c37b22ccd2b1a7d4e7d3a7f9b7008a58d92ffbba035467a58447c03f490",
            "discriminator_optimizer.safetensors": "b06c440641a4f4b00a5f0eba81662fe8be3147265bfe93819ed4a5fbb1f7b532",
            "generator.safetensors": "c6cd685ef314461223c6df9cf52f965a2297bb61e01c80f1bf032b4e1355e2e5",
            "generator_optimizer.safetensors": "8449f8f61d1bca69df842912d06ced726a4afc9694f21ba96dfa779fbe4a42d3",
            "random": "ed50055db74b92e05836523d595a28cc79becfdc5b46d4b23a32771b14cc99c1",
        ]),
        Case("wgan-gp", ["hidden_size=0"], [
            "discriminator.safetensors": "29942a652625da893812598bbf1ff0bd3d462b7f8d4e34a7500f6ca04888f454",
            "discriminator_optimizer.safetensors": "18ee168e2bf0ad4eaedd0fb7f0d356d65486ee968db2b3851e7474869b6354f0",
            "generator.safetensors": "0788a12a8f69303f002afdf41708c2cfd497e7fef94f7f3c41774a4421dc3f86",
            "generator_optimizer.safetensors": "66ebab3a3ba40edfc01f8b2a54f29bde99282ae9a289dce97e208d0f270bd7d8",
            "random": "36f372218f8625a43a5db22fbe6e17bbbff8de333ea364b690a70b55538fcb37",
        ]),
        Case("lsgan", ["hidden_size=0", "r1_gamma=1", "label_smoothing=0.1"], [
            "discriminator.safetensors": "59c5fa55b44d00dcb9c971523063bb0b78811ffca761f651823c8723a8aec0e5",
            "discriminator_optimizer.safetensors": "24271b1214a3c4adbdfa5b209b48c9d10f5e6731e3207fca3d79e71ff7c5a22d",
            "generator.safetensors": "9670c09909c6911ecb9be39de90db69c346dbd20ee0b3180321e0ed301d2f926",
            "generator_optimizer.safetensors": "f4e7fb73edde1e1703180d6e5009f3620511417bb1936bfa24e50f84f1022834",
            "random": "ed50055db74b92e05836523d595a28cc79becfdc5b46d4b23a32771b14cc99c1",
        ]),
        Case("sngan", ["hidden_size=0"], [
            "discriminator.safetensors": "7d8a343f42c89c2ecbee34d4a11b2bc72f9e9eeb1821e07e72de8659a3528dd6",
            "discriminator_optimizer.safetensors": "a9da3d34884190de1aab1d63ec2f02dc6515d98230ab799b125b8a5743e33a4e",
            "generator.safetensors": "4a9b3fcfeb73ef4ac04c4d6dd9f02774e90f22627a319512c2197bec61412461",
            "generator_optimizer.safetensors": "55b07741da1f0497fe34d3f69102439e3f1ab02f14119306eb39a1d1b62a4e33",
            "random": "d9134fe47c1bcbe932b4626c0a525b53563e255b2d2576c7b9587be9ec2ec37a",
        ]),
        Case("sngan", ["hidden_size=0", "feature_matching=true", "minibatch_discrimination=4"], [
            "discriminator.safetensors": "169a09f7379f857e492182dddad7ede243c832361815ada83c5d5ff7977f5ec5",
            "discriminator_optimizer.safetensors": "9a989442c69178ae71d15a08f3252acd1871b12a574ca78e75071c4e05905e92",
            "generator.safetensors": "44b65a4817421950aae89dbeae824fc7aa33eaca22912c15510ba0bdc4c4ff73",
            "generator_optimizer.safetensors": "68eb0180ae5f7c4244900ef56738f4c02ac6e52eb3d1c7a61a7183e3eb3e4fc1",
            "random": "b4ea876016469315a9e9c59b255178af5b1f7761e6542bdc83f4ea3f78dc37df",
        ]),
        Case("rgan", ["hidden_size=0"], [
            "discriminator.safetensors": "c275c4ae6231c6ec75b9d03ec16af83e990ba1738dcfa296e866e15cbcb0321d",
            "discriminator_optimizer.safetensors": "8e76da22cbbf4ff256a4da0701130b06da77e2f4938045dd1e9e9017362be85b",
            "generator.safetensors": "2673cee6f4d1992b4540426128c8d939c70141129a56c57f3bcba4c0e4b06392",
            "generator_optimizer.safetensors": "80a22e7509ecee145c4eedffef46f57e79116262296d241808905b56f6ccaa55",
            "random": "ed50055db74b92e05836523d595a28cc79becfdc5b46d4b23a32771b14cc99c1",
        ]),
        Case("rgan", ["hidden_size=0", "unrolled_steps=1"], [
            "discriminator.safetensors": "1b13448822b3f64d5636b17a6230dd0f163f9a015920a70a516342d1b5400ff8",
            "discriminator_optimizer.safetensors": "ca7bb973b64d174d2859d20446c55ce1b5f1755b18923013f37f90c8b0c8a7c0",
            "generator.safetensors": "313c954c90c8ddda4f7f44daab4ccde4841ad2ae1e1457d7b9d5334aa6390b17",
            "generator_optimizer.safetensors": "efb279e91e623f9ffcbc24e478b4ddf7b1f4a91793b4381eeac8b51681071d5e",
            "random": "ed50055db74b92e05836523d595a28cc79becfdc5b46d4b23a32771b14cc99c1",
        ]),
        Case("gan-2d", ["unrolled_steps=3"], [
            "discriminator.safetensors": "adf1337e42845ea687444add816354540d1930431251598cfa35ba794b67f6f3",
            "discriminator_optimizer.safetensors": "598ae0ffa18c2918e4ccce05c58606ed71a42497c444436e67dd18e8be4cd554",
            "generator.safetensors": "9aa9f352485cb22191db2b4a3e1ebd645a7c2a09afd6b06c1c04be300b5ddab9",
            "generator_optimizer.safetensors": "5123d440b133cae51608d383827324b836cae40f09f48c9b34001436190adf56",
            "random": "1bf800485bae259cb91f2092b27d3bdcf35c2972847d59a7c877a8d08e337679",
        ]),
        Case("gan-2d-wgan-gp", [], [
            "discriminator.safetensors": "26ecd8aa200a5db75ea643c943132495a24786e43f7ce911033b3e9a1986b89b",
            "discriminator_optimizer.safetensors": "773075ea8e36d8e80a201f80f170e3f8c0a43eee66b4c4586b8ae7f61854a435",
            "generator.safetensors": "742c59f0d2bf81f1fc61e0a065442066daec64add55c8aeaf7a5ffb2b705088e",
            "generator_optimizer.safetensors": "4f0d4acbb2bd169da625dc3fb9f8abef4b62c05e43fd69d3b0eeb30a97d50831",
            "random": "25bff1d9640f814da5aab0abeeb8af8a452333536d264a64c9266e0b17624aea",
        ]),
        Case("cgan", [], [
            "discriminator.safetensors": "5197378f5e052f59666523a00337616508b5abdbdf655a48b14d68c665028be2",
            "discriminator_optimizer.safetensors": "ba3cbd0ec176579a7656c232704938757592c05744499d46b78bafb8c0599e5c",
            "generator.safetensors": "c7ce4390be09afa7b47f9f0c69f794b8d35b46663be31a0e1fa1f524b2146b57",
            "generator_optimizer.safetensors": "34a5a4e04b648e837c502cd0a833b6e4734330e8437ec4abc1604cd756b8eb9d",
            "random": "aec9f038eca6e73c5274b8e65d1431418c9da905451a7ffa66a9cb5e5ea9bc1c",
        ]),
        Case("cgan", ["projection=true", "spectral_norm=true", "gradient_penalty=1"], [
            "discriminator.safetensors": "b91891ee394a7628d77e6358405e1e224f703ef30940767ec7b80a81617d27d5",
            "discriminator_optimizer.safetensors": "560940ab47b752d3183559eccb5ad4f41c753dee46f22b2b10b8db658cda0750",
            "generator.safetensors": "9b59676957aa9b66ed57ba2b431ca86264be88028ee6d3230bf604d851bd5379",
            "generator_optimizer.safetensors": "24710015cef5ea4468373746da62f9e7ac84d8ca2ab54865ff2bd45e8560ccd2",
            "random": "7be4e8194a4e02f0eeaf334e53cfaf38a88da6e7709a49467eece0cc1580d4a7",
        ]),
        Case("acgan", [], [
            "discriminator.safetensors": "6afa97f7017206f27080a7068feecc801aa069ecff30331322e62b0ca8587afa",
            "discriminator_optimizer.safetensors": "21ba60e54d8f68aa780e950ba2c4ee2d11844164bece6d207e853ef9c34a9458",
            "generator.safetensors": "2e29b46c851495fb6e4938865a29b24d88f9457a7f44834b78286e7e553853a0",
            "generator_optimizer.safetensors": "47ea5f7999453a0402bb734135e286391d46af999d3e0324f2f099f5adc25962",
            "random": "79b1bb5fb663b52fc662d9c2de1aa4753eafe65a25c607a08901732a7a976a08",
        ]),
        Case("acgan", ["d_fake_class_loss=true", "diff_augment=translation", "instance_noise=0.1", "r1_gamma=1", "n_critic=2"], [
            "discriminator.safetensors": "55f236a42aa546377b272ebca8e03a5bf01905d38a2d47f008be7d4de7ba4e79",
            "discriminator_optimizer.safetensors": "ae93de21dd7a348d82655cda84c1b985e1f301cfc227342ad2d520293aac4641",
            "generator.safetensors": "a0efa63ad4a839d155403b82cbad237a0f9e58e8ea667860f89e1b1d9321fd66",
            "generator_optimizer.safetensors": "6534bc26be09f642fe29f258e6ce09a3e6f8435109842db11716fc3143a8758b",
            "random": "2bb87216c6a118353ce585f495d75d5bb4fb5e10d020b0733e3702eed1dd32e9",
        ]),
    ]

    @Test(arguments: cases) func twentyStepsEndInTheRecordedCheckpointBytes(_ run: Case) throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("run")
        let arguments = ["train", run.model, "--steps", "20", "--batch-size", "8", "--threads", "1", "--seed", "1",
                         "--out", directory.path]
            + (run.model.hasPrefix("gan-2d") ? [] : ["--data-dir", LatentProcess.mnist])
            + run.options.flatMap { ["--option", $0] }
        let result = try LatentProcess.run(arguments, in: root)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(latestCheckpointStep(directory) == 20)
        let hashes = try Self.checkpointHashes(directory)
        #expect(hashes == run.hashes, "recorded now: \(hashes.sorted { $0.key < $1.key })")
    }

    /// The SHA-256 of each `*.safetensors` file of `RUN/checkpoints/latest`, by file name, and of the
    /// manifest's random generator states (as JSON with sorted keys) under `random`.
    static func checkpointHashes(_ run: URL) throws -> [String: String] {
        var hashes: [String: String] = [:]
        for (name, bytes) in try latestCheckpointFiles(run) {
            if name.hasSuffix(".safetensors") {
                hashes[name] = SHA256.hexDigest(Array(bytes))
            } else if name == "manifest.json" {
                let manifest = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
                let random = try JSONSerialization.data(withJSONObject: try #require(manifest["random"]), options: .sortedKeys)
                hashes["random"] = SHA256.hexDigest(Array(random))
            }
        }
        return hashes
    }
}

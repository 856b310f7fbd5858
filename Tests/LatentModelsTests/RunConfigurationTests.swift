import LatentModels
import Testing

// config.yaml round trips, partial configurations over defaults, and clear errors for bad settings.

@Suite struct RunConfigurationTests {
    private let full = RunConfiguration(
        model: "gan", dataset: "mnist", epochs: 3, steps: 40, batchSize: 16, seed: 9, threads: 2,
        learningRates: ["generator": 1e-4, "discriminator": 4e-4], checkpointEverySteps: 10, keepCheckpoints: 2,
        dataDirectory: "/data/my \"digits\"", sampleEveryEpochs: 2, evalEveryEpochs: 1, options: ["d_dropout": "0.3"],
        validationImages: 500)

    @Test func yamlRoundTripsEverySetting() throws {
        #expect(try RunConfiguration(yaml: full.yaml) == full)
        var plain = full
        plain.dataDirectory = nil
        plain.evalEveryEpochs = nil
        plain.steps = nil
        plain.options = [:]
        plain.validationImages = nil
        #expect(try RunConfiguration(yaml: plain.yaml) == plain)
    }

    @Test func optionValuesMayBeCommaLists() throws {
        var listed = full
        listed.options = ["diff_augment": "color,translation,cutout"]
        try listed.validate()
        #expect(try RunConfiguration(yaml: listed.yaml) == listed)
        listed.options = ["diff_augment": "color;rm"]
        #expect(throws: (any Error).self) { try listed.validate() }
    }

    @Test func aPartialConfigurationTakesTheRestFromTheDefaults() throws {
        let text = """
            # a user's file
            epochs: 7
            learning_rates:
              generator: 0.001
            model_options:
              d_dropout: 0.5
            """
        let merged = try RunConfiguration(yaml: text, defaults: full)
        #expect(merged.epochs == 7)
        #expect(merged.learningRates == ["generator": 1e-3, "discriminator": 4e-4])
        #expect(merged.options == ["d_dropout": "0.5"])
        #expect(merged.batchSize == 16 && merged.dataDirectory == full.dataDirectory && merged.steps == 40)
    }

    @Test func unknownSettingsAndBadValuesAreNamed() {
        expectInvalid("epoch: 3\n", defaults: full, mentioning: ["unknown setting `epoch`", "epochs"])
        expectInvalid("batch_size: many\n", defaults: full, mentioning: ["batch_size", "many"])
        expectInvalid("sample_every_epochs: 0\n", defaults: full, mentioning: ["sample-every-epochs", "0"])
        expectInvalid("  generator: 1\n", defaults: full, mentioning: ["line 1", "indented"])
        expectInvalid("epochs: 3\n", defaults: nil, mentioning: ["missing `"])
    }

    /// A complete configuration with `epochs: null` used to unwrap the missing defaults and trap (found by fuzzing).
    @Test func aRequiredSettingThatIsNullIsRefused() throws {
        for key in ["epochs", "batch_size", "threads", "checkpoint_every_steps", "keep_checkpoints"] {
            let text = full.yaml.split(separator: "\n").map { $0.hasPrefix(key + ":") ? "\(key): null" : String($0) }.joined(separator: "\n")
            expectInvalid(text, defaults: nil, mentioning: ["`\(key)` is null", "whole number"])
            #expect(try RunConfiguration(yaml: text, defaults: full) == full, "\(key): null over defaults keeps the default")
        }
    }

    @Test func modelOptionsAreCheckedAgainstTheModel() throws {
        let allowed = [ModelOption("d_dropout", default: "0", "dropout rate in D")]
        let options = try ModelOptions(["d_dropout": "0.3"], allowed: allowed, model: "gan")
        #expect(try options.float("d_dropout", in: 0...1) == 0.3)
        #expect(try ModelOptions([:], allowed: allowed, model: "gan").float("d_dropout") == 0)
        #expect(throws: TrainingError.self) { try ModelOptions(["dropout": "1"], allowed: allowed, model: "gan") }
        #expect(throws: TrainingError.self) { try options.float("d_dropout", in: 0...0.2) }
        #expect(throws: TrainingError.self) { try options.boolean("d_dropout") }
    }

    @Test func integerListOptionsTakeOneValueForAllOrOnePerItem() throws {
        let allowed = [ModelOption("layer_steps", default: "5", "updates per layer")]
        let ranges = [1...10, 1...3]
        #expect(try ModelOptions([:], allowed: allowed, model: "dbn").integers("layer_steps", in: [1...10, 1...10]) == [5, 5])
        #expect(try ModelOptions(["layer_steps": "7, 2"], allowed: allowed, model: "dbn").integers("layer_steps", in: ranges) == [7, 2])
        for (text, expected) in [("1,2,3", "expected one whole number or 2 comma-separated ones"),
                                 ("7,4", "expected a whole number in 1...3 as number 2"),
                                 ("5", "expected a whole number in 1...3"), ("7,", "expected a whole number in 1...3 as number 2")] {
            let options = try ModelOptions(["layer_steps": text], allowed: allowed, model: "dbn")
            let error = #expect(throws: TrainingError.self) { try options.integers("layer_steps", in: ranges) }
            #expect(error.map { String(describing: $0).contains("option layer_steps is \"\(text)\"; \(expected)") } == true,
                    "\(String(describing: error))")
        }
    }

    @Test func aLearningRateForAMissingOptimizerIsRefused() throws {
        let entry = try ModelCatalog.entry(named: "vae-mlp")
        #expect(entry.name == "vae")
        var configuration = full
        configuration.model = "vae"
        configuration.options = [:]
        #expect(throws: TrainingError.self) { _ = try entry.settings(configuration) }
    }

    @Test func windowsLineEndingsReadAsUnixOnes() throws {
        let unix = "# a user's file\nepochs: 7\nlearning_rates:\n  generator: 0.001\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        let merged = try RunConfiguration(yaml: windows, defaults: full)
        #expect(merged.epochs == 7 && merged.learningRates["generator"] == 1e-3)
        #expect(merged == (try RunConfiguration(yaml: unix, defaults: full)))
        #expect(try RunConfiguration(yaml: full.yaml.replacingOccurrences(of: "\n", with: "\r\n")) == full)
    }

    @Test func errorsQuoteAnExcerptOfALongLine() {
        let line = String(repeating: "x", count: 1_000_000)
        expectInvalid(line + "\n", defaults: full, mentioning: ["line 1 is not `key: value`", "… (1000000 characters)"])
        do {
            _ = try RunConfiguration(yaml: "epochs: " + line + "\n", defaults: full)
            Issue.record("a 1 MB value was accepted")
        } catch {
            #expect(String(describing: error).count < 300)
        }
    }

    @Test func hugeSettingsAreRefusedNamingSettingAndValue() {
        expectInvalid("threads: 9223372036854775807\n", defaults: full, mentioning: ["threads must be at most 1024, got 9223372036854775807"])
        expectInvalid("epochs: 9223372036854775807\n", defaults: full, mentioning: ["epochs must be at most 1000000, got 9223372036854775807"])
        expectInvalid("batch_size: 1000000\n", defaults: full, mentioning: ["batch size must be at most 65536, got 1000000"])
    }

    private func expectInvalid(_ text: String, defaults: RunConfiguration?, mentioning parts: [String]) {
        do {
            _ = try RunConfiguration(yaml: text, defaults: defaults)
            Issue.record("expected \(text.debugDescription) to be refused")
        } catch {
            let message = String(describing: error)
            for part in parts where !message.contains(part) { Issue.record("\"\(message)\" does not mention \"\(part)\"") }
        }
    }
}

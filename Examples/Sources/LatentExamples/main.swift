import LatentCLIKit

// Every `latent` command, for Latent's models and this package's own.
Latent.main(registering: [BiGAN.entry])

import LatentCLIKit

Latent.main()

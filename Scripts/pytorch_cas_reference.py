#!/usr/bin/env python3
"""cas-mnist's recipe in PyTorch, beside `latent reproduce cas-mnist`.

Trains `cgan` or `acgan` on the bundled MNIST as Latent's catalog builds them: G concatenates a learned
10-value label embedding (N(0, 1)) to 100 standard normal noise values and runs the DCGAN-MNIST generator
without its hidden layer (linear 110 -> 128x7x7, batch norm, ReLU, transposed convolutions to 64 and 1
channels, tanh); D is the DCGAN-MNIST pair of strided convolutions (batch norm after the second) read by one
linear score, with, for cgan, a learned 28x28 label map (N(0, 1)) as a second input channel, and for acgan a
second linear head of 10 class logits. Convolution and linear weights N(0, 0.02), batch-norm scales
N(1, 0.02), biases 0. Adam(2e-4, betas 0.5, 0.999) for both, batch 64, the last partial batch of an epoch
dropped; the fakes' classes are drawn uniformly. Each step updates D on the real batch (with its labels) and
the detached fakes (with their requested classes) with the non-saturating loss, plus for acgan the class
cross-entropy on the real labels only (Latent's default, d_fake_class_loss=false); then G through the
updated D on the same fakes, plus for acgan the class cross-entropy of the requested classes.

Then the Classification Accuracy Score (Ravuri & Vinyals 2019) as `latent eval RUN --metrics cas` measures
it: 60,000 samples from G in eval mode (batch-norm running statistics), sample i of digit i mod 10, noise
drawn with --seed, stored as 8-bit pixels; the digit classifier's recipe (Data/classifiers/pytorch_accuracy.py's
Net, PyTorch's default initialisation, Adam 1e-3, the learning rate x 0.7 after every epoch, batch 64,
shuffled, last partial batch dropped, 4 epochs, seed 1) trained on the samples alone (`cas`) and on the
60,000 real training digits followed by the samples (`cas_real_and_generated`), each scored on the 10,000 real
test digits after every epoch. `--real` also trains the recipe on the real digits alone (Latent uses the
shipped classifier, trained by the same recipe: 0.9905). `--steps N` stops every training after N steps, to
test the script quickly.

    <venv>/bin/python Scripts/pytorch_cas_reference.py --model cgan --epochs 5 --seed 1 --threads 1

Figures: docs/results.md (cas-mnist). Needs torch, numpy.
"""
import argparse, gzip, json, os, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT + "/Data/classifiers")
from pytorch_accuracy import Net

p = argparse.ArgumentParser()
p.add_argument("--model", choices=["cgan", "acgan"], default="cgan"); p.add_argument("--epochs", type=int, default=5)
p.add_argument("--classifier-epochs", type=int, default=4); p.add_argument("--samples", type=int, default=60000)
p.add_argument("--steps", type=int, default=None); p.add_argument("--seed", type=int, default=1)
p.add_argument("--threads", type=int, default=1); p.add_argument("--real", action="store_true")
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
CLASSES, NOISE, EMBEDDING, BATCH = 10, 100, 10, 64


def idx(name, offset):
    return np.frombuffer(gzip.open(os.path.join(ROOT, "Data/mnist", name)).read(), np.uint8, offset=offset)


def pixels(name): return torch.from_numpy(idx(name, 16).reshape(-1, 1, 28, 28).copy())
def labels(name): return torch.from_numpy(idx(name, 8).astype(np.int64))
def scaled(bytes_): return bytes_.float() / 127.5 - 1


XB, Y = pixels("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
XTB, YT = pixels("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
X, XT = scaled(XB), scaled(XTB)


def dcgan_init(module):
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0, 0.02)
            if m.bias is not None: nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.normal_(m.weight, 1, 0.02); nn.init.zeros_(m.bias)
    return module


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.label_embedding = nn.Embedding(CLASSES, EMBEDDING)
        self.main = dcgan_init(nn.Sequential(
            nn.Linear(NOISE + EMBEDDING, 128 * 49, bias=False), nn.BatchNorm1d(128 * 49), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
            nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh()))

    def forward(self, z, y): return self.main(torch.cat([z, self.label_embedding(y)], 1))


def convolutions(channels):
    return dcgan_init(nn.Sequential(nn.Conv2d(channels, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                                    nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten()))


class ConditionalDiscriminator(nn.Module):
    """cgan's D: the label's learned 28x28 map beside the image; returns (score, None)."""
    def __init__(self):
        super().__init__()
        self.label_embedding = nn.Embedding(CLASSES, 28 * 28)
        self.features = convolutions(2)
        self.output = dcgan_init(nn.Linear(128 * 49, 1))

    def forward(self, x, y):
        maps = self.label_embedding(y).view(-1, 1, 28, 28)
        return self.output(self.features(torch.cat([x, maps], 1))), None


class AuxiliaryClassifierDiscriminator(nn.Module):
    """acgan's D: the image alone; returns (source score, class logits)."""
    def __init__(self):
        super().__init__()
        self.features = convolutions(1)
        self.source = dcgan_init(nn.Linear(128 * 49, 1))
        self.classifier = dcgan_init(nn.Linear(128 * 49, CLASSES))

    def forward(self, x, y):
        phi = self.features(x)
        return self.source(phi), self.classifier(phi)


def bce(scores, target): return F.binary_cross_entropy_with_logits(scores, torch.full_like(scores, target))


def train_gan():
    D = ConditionalDiscriminator() if a.model == "cgan" else AuxiliaryClassifierDiscriminator()  # built first, as Latent does
    G = Generator()
    oG, oD = (torch.optim.Adam(m.parameters(), 2e-4, betas=(0.5, 0.999)) for m in (G, D))
    start, step = time.time(), 0
    for epoch in range(1, a.epochs + 1):
        perm = torch.randperm(len(X))
        for i in range(0, len(X) - BATCH + 1, BATCH):
            if a.steps is not None and step >= a.steps: break
            real, real_labels = X[perm[i:i + BATCH]], Y[perm[i:i + BATCH]]
            z, fake_labels = torch.randn(BATCH, NOISE), torch.randint(CLASSES, (BATCH,))
            fake = G(z, fake_labels)
            (real_score, real_classes), (fake_score, _) = D(real, real_labels), D(fake.detach(), fake_labels)
            loss_d = bce(real_score, 1) + bce(fake_score, 0)
            if real_classes is not None: loss_d = loss_d + F.cross_entropy(real_classes, real_labels)
            oD.zero_grad(); loss_d.backward(); oD.step()
            score, classes = D(fake, fake_labels)
            loss_g = bce(score, 1)
            if classes is not None: loss_g = loss_g + F.cross_entropy(classes, fake_labels)
            oG.zero_grad(); loss_g.backward(); oG.step()
            step += 1
        print(json.dumps({"model": a.model, "gan_epoch": epoch, "steps": step, "loss_d": round(loss_d.item(), 4),
                          "loss_g": round(loss_g.item(), 4), "seconds": round(time.time() - start)}), flush=True)
    return G


def samples(G, count):
    """`count` samples of G in eval mode as 8-bit pixels, sample i of digit i mod 10, and their labels."""
    G.eval()
    noise = torch.Generator().manual_seed(a.seed)
    wanted = torch.arange(count) % CLASSES
    with torch.no_grad():
        images = torch.cat([G(torch.randn(len(part), NOISE, generator=noise), part) for part in wanted.split(500)])
    return torch.floor(((images + 1) / 2).clamp(0, 1) * 255 + 0.5).to(torch.uint8), wanted


def test_accuracy(net):
    net.eval()
    with torch.no_grad():
        correct = sum((net(x).argmax(1) == y).sum().item() for x, y in zip(XT.split(500), YT.split(500)))
    net.train()
    return correct / len(YT)


def classifier_accuracy(images, targets, name):
    """The recipe trained on `images` (8-bit) with `targets`; the test accuracy after each epoch, the last returned."""
    torch.manual_seed(1)
    net, inputs = Net(), scaled(images)
    optimizer = torch.optim.Adam(net.parameters(), 1e-3)
    schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
    start, step, accuracy = time.time(), 0, None
    for epoch in range(1, a.classifier_epochs + 1):
        perm = torch.randperm(len(inputs))
        for i in range(0, len(inputs) - BATCH + 1, BATCH):
            if a.steps is not None and step >= a.steps: break
            batch = perm[i:i + BATCH]
            loss = F.cross_entropy(net(inputs[batch]), targets[batch])
            optimizer.zero_grad(); loss.backward(); optimizer.step()
            step += 1
        schedule.step()
        accuracy = test_accuracy(net)
        print(json.dumps({"model": a.model, "classifier": name, "images": len(inputs), "epoch": epoch, "steps": step,
                          "test_accuracy": accuracy, "seconds": round(time.time() - start)}), flush=True)
    return accuracy


began = time.time()
G = train_gan()
generated, generated_labels = samples(G, a.samples)
figures = {"cas": classifier_accuracy(generated, generated_labels, "generated")}
figures["cas_real_and_generated"] = classifier_accuracy(torch.cat([XB, generated]), torch.cat([Y, generated_labels]), "real-and-generated")
if a.real: figures["cas_real"] = classifier_accuracy(XB, Y, "real")
print(json.dumps({**vars(a), **figures, "seconds": round(time.time() - began)}), flush=True)

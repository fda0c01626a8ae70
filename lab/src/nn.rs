//! The networks' trainer: one hidden layer of tanh units and a sigmoid
//! output, trained with Adam on the weighted cross-entropy, from a fixed
//! seed, so that the same rows give the same network.

use deboiler::rules::training::Network;

/// A small deterministic random source (64-bit LCG), for the initial weights
/// and the order of the rows.
struct Lcg(u64);

impl Lcg {
    /// A source whose stream is unrelated to that of `seed + 1`: the seed is
    /// scrambled first (SplitMix64's finaliser), since an LCG started from
    /// neighbouring states gives streams that move in step.
    fn new(seed: u64) -> Lcg {
        let mut z = seed.wrapping_add(0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        Lcg(z ^ (z >> 31))
    }

    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

/// Adam's state for one parameter vector.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Adam {
    fn new(n: usize) -> Adam {
        Adam {
            m: vec![0.0; n],
            v: vec![0.0; n],
        }
    }

    fn step(&mut self, params: &mut [f32], grads: &[f32], t: i32, rate: f32) {
        let (b1, b2) = (0.9f32, 0.999f32);
        for i in 0..params.len() {
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * grads[i];
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * grads[i] * grads[i];
            let m = self.m[i] / (1.0 - b1.powi(t));
            let v = self.v[i] / (1.0 - b2.powi(t));
            params[i] -= rate * m / (v.sqrt() + 1e-8);
        }
    }
}

/// The network's output for one row, with the exact `tanh` (training
/// does not need the crate's fast one).
pub fn predict(net: &Network, row: &[f32]) -> f32 {
    let n = net.features.len();
    let x: Vec<f32> = (0..n)
        .map(|j| (row[j] - net.mean[j]) / net.scale[j])
        .collect();
    let mut out = net.b2;
    for h in 0..net.hidden {
        let z = net.b1[h] + (0..n).map(|j| net.w1[h * n + j] * x[j]).sum::<f32>();
        out += net.w2[h] * z.tanh();
    }
    1.0 / (1.0 + (-out).exp())
}

/// A network's width and how long it is trained.
pub struct Shape {
    pub hidden: usize,
    pub epochs: usize,
    /// Rows per step.
    pub batch: usize,
}

impl Shape {
    /// The page network's: one row per page, so few rows that it takes
    /// many passes in small steps.
    pub const PAGE: Shape = Shape {
        hidden: 4,
        epochs: 200,
        batch: 32,
    };
}

/// Trains a network on weighted rows with Adam on the cross-entropy.
pub fn train(
    xs: &[Vec<f32>],
    ys: &[f32],
    ws: &[f32],
    shape: &Shape,
    seed: u64,
    features: &[&str],
) -> Network {
    let (hidden, epochs, batch) = (shape.hidden, shape.epochs, shape.batch);
    let n = xs.first().map_or(0, Vec::len);
    let rows = xs.len().max(1) as f32;
    let mean: Vec<f32> = (0..n)
        .map(|j| xs.iter().map(|x| x[j]).sum::<f32>() / rows)
        .collect();
    let scale: Vec<f32> = (0..n)
        .map(|j| {
            let var = xs.iter().map(|x| (x[j] - mean[j]).powi(2)).sum::<f32>() / rows;
            var.sqrt().max(1e-6)
        })
        .collect();
    let standard: Vec<Vec<f32>> = xs
        .iter()
        .map(|x| (0..n).map(|j| (x[j] - mean[j]) / scale[j]).collect())
        .collect();

    let mut random = Lcg::new(seed);
    let mut w1: Vec<f32> = (0..hidden * n)
        .map(|_| random.next() / (n as f32).sqrt())
        .collect();
    let mut b1 = vec![0.0f32; hidden];
    let mut w2: Vec<f32> = (0..hidden)
        .map(|_| random.next() / (hidden as f32).sqrt())
        .collect();
    let mut b2 = [0.0f32];
    let (mut a_w1, mut a_b1, mut a_w2, mut a_b2) = (
        Adam::new(w1.len()),
        Adam::new(hidden),
        Adam::new(hidden),
        Adam::new(1),
    );

    let mut order: Vec<usize> = (0..xs.len()).collect();
    let steps = (epochs * xs.len().div_ceil(batch)).max(1);
    let mut t = 0;
    let mut activations = vec![0.0f32; hidden];
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = ((random.next() + 1.0) / 2.0 * i as f32) as usize;
            order.swap(i, j.min(i));
        }
        let mut loss = 0.0f64;
        for chunk in order.chunks(batch) {
            let (mut g_w1, mut g_b1, mut g_w2, mut g_b2) = (
                vec![0.0f32; w1.len()],
                vec![0.0f32; hidden],
                vec![0.0f32; hidden],
                [0.0f32],
            );
            for &r in chunk {
                let x = &standard[r];
                let mut out = b2[0];
                for h in 0..hidden {
                    let z = b1[h] + (0..n).map(|j| w1[h * n + j] * x[j]).sum::<f32>();
                    activations[h] = z.tanh();
                    out += w2[h] * activations[h];
                }
                let p = 1.0 / (1.0 + (-out).exp());
                let q = p.clamp(1e-6, 1.0 - 1e-6);
                loss -= (ws[r] * (ys[r] * q.ln() + (1.0 - ys[r]) * (1.0 - q).ln())) as f64;
                let g_out = ws[r] * (p - ys[r]) / chunk.len() as f32;
                g_b2[0] += g_out;
                for h in 0..hidden {
                    g_w2[h] += g_out * activations[h];
                    let g_z = g_out * w2[h] * (1.0 - activations[h] * activations[h]);
                    g_b1[h] += g_z;
                    for j in 0..n {
                        g_w1[h * n + j] += g_z * x[j];
                    }
                }
            }
            // The rate falls from 0.003 to 0 along a half cosine, so that the
            // last steps settle instead of jumping around an optimum.
            let progress = t as f32 / steps as f32;
            let rate = 0.003 * 0.5 * (1.0 + (std::f32::consts::PI * progress).cos());
            t += 1;
            a_w1.step(&mut w1, &g_w1, t, rate);
            a_b1.step(&mut b1, &g_b1, t, rate);
            a_w2.step(&mut w2, &g_w2, t, rate);
            a_b2.step(&mut b2, &g_b2, t, rate);
        }
        eprintln!("epoch {epoch}: loss {:.4}", loss / rows as f64);
    }
    assert_eq!(n, features.len(), "rows and feature names disagree");
    Network {
        features: features.iter().map(|f| f.to_string()).collect(),
        hidden,
        mean,
        scale,
        w1,
        b1,
        w2,
        b2: b2[0],
    }
}

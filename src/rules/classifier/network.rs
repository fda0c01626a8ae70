//! Inference: a network of the model file, ready to judge rows fast.

use super::model::{MAX_HIDDEN, Network};

/// A network with one hidden layer of tanh units and a sigmoid output,
/// with the inputs' standardisation folded into the first layer.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    features: usize,
    hidden: usize,
    /// `hidden` rows of `features` weights, for inputs as they come.
    w1: Vec<f32>,
    /// The same weights input by input, eight hidden units to a column,
    /// when the layer is eight wide (the shipped model's).
    columns8: Vec<[f32; 8]>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: f32,
}

impl From<&Network> for Model {
    fn from(network: &Network) -> Model {
        let (n, hidden) = (network.features.len(), network.hidden);
        let (mut w1, mut b1) = (network.w1.clone(), network.b1.clone());
        // The inputs are standardised, `(x - mean) / scale`: that is folded
        // into the first layer's weights and biases once, here.
        for h in 0..hidden {
            let weights = &mut w1[h * n..(h + 1) * n];
            for ((weight, scale), mean) in weights.iter_mut().zip(&network.scale).zip(&network.mean)
            {
                *weight /= scale;
                b1[h] -= *weight * mean;
            }
        }
        let columns8 = if hidden == 8 {
            (0..n)
                .map(|j| std::array::from_fn(|h| w1[h * n + j]))
                .collect()
        } else {
            Vec::new()
        };
        Model {
            features: n,
            hidden,
            w1,
            columns8,
            b1,
            w2: network.w2.clone(),
            b2: network.b2,
        }
    }
}

impl Model {
    /// The network's output for one row of features, 0 to 1.
    pub fn predict(&self, row: &[f32]) -> f32 {
        let n = self.features;
        // The hidden layer in two passes, so that the second (tanh) is one
        // vectorised loop.
        let mut hidden = [0.0f32; MAX_HIDDEN];
        let hidden = &mut hidden[..self.hidden];
        if let (false, Ok(z)) = (
            self.columns8.is_empty(),
            <&mut [f32; 8]>::try_from(&mut *hidden),
        ) {
            // Input by input, each adding its column to all eight units:
            // one vector operation per input.
            z.copy_from_slice(&self.b1);
            for (&x, column) in row[..n].iter().zip(&self.columns8) {
                for lane in 0..8 {
                    z[lane] += x * column[lane];
                }
            }
        } else {
            for (h, z) in hidden.iter_mut().enumerate() {
                *z = self.b1[h] + dot(&self.w1[h * n..(h + 1) * n], &row[..n]);
            }
        }
        for z in hidden.iter_mut() {
            *z = tanh(*z);
        }
        let out = self.b2 + dot(&self.w2, hidden);
        1.0 / (1.0 + (-out).exp())
    }
}

/// The dot product of two equally long slices, in eight lanes so that the
/// compiler can use vector instructions.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (ca, cb) in a_chunks.zip(b_chunks) {
        for lane in 0..8 {
            lanes[lane] += ca[lane] * cb[lane];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// `tanh` as a rational function (the approximation Eigen uses, exact to
/// float precision), with no call to `exp`: it vectorises.
fn tanh(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    const ALPHA: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_672e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const BETA: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ALPHA.iter().rev().fold(0.0, |acc, &a| acc * x2 + a) * x;
    let q = BETA.iter().rev().fold(0.0, |acc, &b| acc * x2 + b);
    p / q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_tanh_matches_the_library() {
        for i in -400..=400 {
            let x = i as f32 / 20.0;
            assert!((tanh(x) - x.tanh()).abs() < 1e-5, "{x}");
        }
    }

    #[test]
    fn the_eight_wide_layer_matches_the_general_one() {
        let n = 11;
        let some = |count: usize, offset: f32| -> Vec<f32> {
            (0..count)
                .map(|i| ((i * 37) % 23) as f32 / 10.0 - 1.0 + offset)
                .collect()
        };
        let network = Network {
            features: (0..n).map(|j| format!("f{j}")).collect(),
            hidden: 8,
            mean: some(n, 0.0),
            scale: some(n, 2.5),
            w1: some(8 * n, 0.0),
            b1: some(8, 0.0),
            w2: some(8, 0.0),
            b2: some(1, 0.0)[0],
        };
        let fast = Model::from(&network);
        let general = Model {
            columns8: Vec::new(),
            ..fast.clone()
        };
        let row: Vec<f32> = (0..n).map(|j| j as f32 * 0.3 - 1.0).collect();
        assert!((fast.predict(&row) - general.predict(&row)).abs() < 1e-5);
    }

    #[test]
    fn dot_products_match_the_plain_sum() {
        let a: Vec<f32> = (0..43).map(|i| i as f32 * 0.25 - 3.0).collect();
        let b: Vec<f32> = (0..43).map(|i| 1.0 - i as f32 * 0.125).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-3);
    }
}

//! RS256, the one algorithm of Cognito's ID tokens, for `jsonwebtoken` through ring: the
//! cryptography the functions' TLS already links (`oys_aws::https_client`). jsonwebtoken's own
//! providers are aws-lc-rs (a second C library, ≈ 160 kB of the zip) or RustCrypto's RSA; its
//! `CryptoProvider` is the hook it offers for any other. Every other algorithm is refused.

use jsonwebtoken::crypto::{CryptoProvider, JwkUtils, JwtSigner, JwtVerifier};
use jsonwebtoken::errors::{Error, ErrorKind};
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, DecodingKey, DecodingKeyKind, EncodingKey};
use ring::signature::{RsaKeyPair, RsaPublicKeyComponents, UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256};

static RS256_ON_RING: CryptoProvider = CryptoProvider {
    signer_factory: rs256_signer,
    verifier_factory: rs256_verifier,
    jwk_utils: JwkUtils::new_unimplemented(),
};

/// Makes RS256 on ring jsonwebtoken's provider for this process. Idempotent: a second call
/// finds it installed.
pub fn install() {
    // `Err` only when a provider is already installed: this one, by an earlier call.
    let _ = RS256_ON_RING.install_default();
}

fn only_rs256(algorithm: &Algorithm) -> Result<(), Error> {
    match algorithm {
        Algorithm::RS256 => Ok(()),
        _ => Err(ErrorKind::InvalidAlgorithm.into()),
    }
}

fn rs256_verifier(algorithm: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>, Error> {
    only_rs256(algorithm)?;
    Ok(Box::new(Rs256Verifier(key.clone())))
}

/// Signing is the tests' (they sign ID tokens as the issuer would); the service only verifies.
fn rs256_signer(algorithm: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>, Error> {
    only_rs256(algorithm)?;
    let pair = RsaKeyPair::from_der(key.inner()).map_err(|_| Error::from(ErrorKind::InvalidRsaKey(String::new())))?;
    Ok(Box::new(Rs256Signer(pair)))
}

struct Rs256Verifier(DecodingKey);

impl Verifier<Vec<u8>> for Rs256Verifier {
    fn verify(&self, message: &[u8], signature: &Vec<u8>) -> Result<(), signature::Error> {
        let checked = match self.0.kind() {
            DecodingKeyKind::RsaModulusExponent { n, e } => {
                RsaPublicKeyComponents { n, e }.verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
            }
            DecodingKeyKind::SecretOrDer(der) => {
                UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der).verify(message, signature)
            }
        };
        checked.map_err(|_| signature::Error::new())
    }
}

impl JwtVerifier for Rs256Verifier {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

struct Rs256Signer(RsaKeyPair);

impl Signer<Vec<u8>> for Rs256Signer {
    fn try_sign(&self, message: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let mut signature = vec![0; self.0.public().modulus_len()];
        let random = ring::rand::SystemRandom::new();
        self.0
            .sign(&ring::signature::RSA_PKCS1_SHA256, &random, message, &mut signature)
            .map_err(|_| signature::Error::new())?;
        Ok(signature)
    }
}

impl JwtSigner for Rs256Signer {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

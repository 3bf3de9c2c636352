//! The closed vocabularies of the record schema (SPEC.md, "Vocabularies"): one enum per
//! vocabulary, each spelled in JSON exactly as SPEC.md lists it.
//!
//! Every enum has `ALL` (in SPEC.md's order), `NAMES` (the JSON spellings, same order),
//! `as_str`, `FromStr` and `Display`. The derived order is SPEC.md's order, which is meaningful
//! for [`ConsentLevel`] (`no_use` < ... < `named_full`) and [`Risk`] (`low` < ... < `critical`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A string that is not in a vocabulary. Deliberately does not carry the rejected string:
/// it may be testimony text (a typo in a status can contain a name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an allowed {vocabulary}; allowed values: {}", .allowed.join(", "))]
pub struct VocabError {
    /// Human name of the vocabulary, e.g. `"status"`.
    pub vocabulary: &'static str,
    /// The allowed spellings, in SPEC.md's order.
    pub allowed: &'static [&'static str],
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in SPEC.md's order.
            pub const ALL: &[Self] = &[$(Self::$variant),+];
            /// The JSON spelling of every value, in SPEC.md's order.
            pub const NAMES: &[&'static str] = &[$($text),+];
            /// Human name of this vocabulary, used in error messages.
            pub const VOCABULARY: &'static str = $what;

            /// The JSON spelling (snake_case, as in SPEC.md).
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// The error for a string outside this vocabulary.
            pub fn vocab_error() -> VocabError {
                VocabError { vocabulary: $what, allowed: Self::NAMES }
            }
        }

        impl FromStr for $name {
            type Err = VocabError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(Self::vocab_error()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// `witness.sex`.
    Sex, "sex" {
        Male => "male",
        Female => "female",
        Other => "other",
        Unknown => "unknown",
    }
}

vocabulary! {
    /// `witness.status`, vocabulary V1.
    Status, "status" {
        AtLiberty => "at_liberty",
        AdministrativeArrest => "administrative_arrest",
        DetainedPretrial => "detained_pretrial",
        OnTrial => "on_trial",
        ServingSentence => "serving_sentence",
        RestrictedFreedom => "restricted_freedom",
        Released => "released",
        InExile => "in_exile",
        ConvictedInAbsentia => "convicted_in_absentia",
        Wanted => "wanted",
        Missing => "missing",
        Deceased => "deceased",
        Unknown => "unknown",
    }
}

vocabulary! {
    /// `acts[].type`, vocabulary V2.
    ActType, "act type" {
        Arrest => "arrest",
        AdministrativeArrest => "administrative_arrest",
        Detention => "detention",
        Search => "search",
        Seizure => "seizure",
        Interrogation => "interrogation",
        IllTreatment => "ill_treatment",
        Torture => "torture",
        Threats => "threats",
        PressureOnRelatives => "pressure_on_relatives",
        Dismissal => "dismissal",
        DeniedWorkplaceAccess => "denied_workplace_access",
        CriminalCase => "criminal_case",
        Conviction => "conviction",
        TrialInAbsentia => "trial_in_absentia",
        ExtremistDesignation => "extremist_designation",
        ExtremistList => "extremist_list",
        UnionLiquidation => "union_liquidation",
        AssetConfiscation => "asset_confiscation",
        PropertyConfiscation => "property_confiscation",
        CitizenshipDeprivation => "citizenship_deprivation",
        TravelBan => "travel_ban",
        ForcedExile => "forced_exile",
        ForcedConfessionVideo => "forced_confession_video",
        DenialOfMedicalCare => "denial_of_medical_care",
        Incommunicado => "incommunicado",
        Other => "other",
    }
}

vocabulary! {
    /// `consent[].purpose`: who a testimony may be exported for.
    Purpose, "consent purpose" {
        Internal => "internal",
        Partner => "partner",
        IloCfa => "ilo_cfa",
        UnSpecialProcedures => "un_special_procedures",
        Ohchr => "ohchr",
        PublicReport => "public_report",
        Media => "media",
        Accountability => "accountability",
    }
}

vocabulary! {
    /// `consent[].level`, ordered from least to most disclosure:
    /// `NoUse < AggregateOnly < Anonymous < Pseudonym < NamedLimited < NamedFull`.
    ConsentLevel, "consent level" {
        NoUse => "no_use",
        AggregateOnly => "aggregate_only",
        Anonymous => "anonymous",
        Pseudonym => "pseudonym",
        NamedLimited => "named_limited",
        NamedFull => "named_full",
    }
}

vocabulary! {
    /// `risk`, ordered `Low < Medium < High < Critical`.
    Risk, "risk" {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T], names: &[&str])
    where
        T: FromStr + fmt::Display + PartialEq + fmt::Debug + Serialize + Copy,
        T::Err: fmt::Debug,
    {
        assert_eq!(all.len(), names.len());
        for (value, name) in all.iter().zip(names) {
            assert_eq!(value.to_string(), *name);
            assert_eq!(name.parse::<T>().unwrap(), *value);
            assert_eq!(
                serde_json::to_value(value).unwrap(),
                serde_json::Value::String((*name).to_owned())
            );
        }
    }

    #[test]
    fn every_vocabulary_round_trips_through_str_and_serde() {
        round_trips(Sex::ALL, Sex::NAMES);
        round_trips(Status::ALL, Status::NAMES);
        round_trips(ActType::ALL, ActType::NAMES);
        round_trips(Purpose::ALL, Purpose::NAMES);
        round_trips(ConsentLevel::ALL, ConsentLevel::NAMES);
        round_trips(Risk::ALL, Risk::NAMES);
        assert_eq!(Status::ALL.len(), 13);
        assert_eq!(ActType::ALL.len(), 27);
        assert_eq!(Purpose::ALL.len(), 8);
    }

    #[test]
    fn levels_and_risks_are_ordered_as_in_spec() {
        assert!(ConsentLevel::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(ConsentLevel::NoUse < ConsentLevel::AggregateOnly);
        assert!(ConsentLevel::Pseudonym < ConsentLevel::NamedFull);
        assert!(Risk::Low < Risk::Medium && Risk::High < Risk::Critical);
    }

    #[test]
    fn unknown_values_are_rejected_without_echoing_them() {
        let err = "Іван Петрук".parse::<Status>().unwrap_err();
        let msg = err.to_string();
        assert!(!msg.contains("Іван"), "{msg}");
        assert!(
            msg.contains("serving_sentence") && msg.contains("unknown"),
            "{msg}"
        );
        assert!("Male".parse::<Sex>().is_err(), "spellings are exact");
    }
}

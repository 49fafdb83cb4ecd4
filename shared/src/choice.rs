//! Closed enumerations whose wire form is a stable identifier (`"verbal_abuse"`).
//!
//! One macro gives each enumeration its identifier table, parsing, serde and the list of allowed
//! values that field errors quote, so the identifier is written exactly once.

macro_rules! choice {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable wire identifier.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Parses a wire identifier exactly (identifiers are case-sensitive).
            pub fn parse(value: &str) -> Option<Self> {
                match value { $($id => Some($name::$variant),)+ _ => None }
            }

            /// The allowed identifiers, comma-separated, for error messages.
            pub fn allowed() -> String {
                [$($id),+].join(", ")
            }
        }

        impl $crate::choice::Choice for $name {
            fn parse(value: &str) -> Option<Self> {
                $name::parse(value)
            }
            fn allowed() -> String {
                $name::allowed()
            }
            fn identifiers() -> &'static [&'static str] {
                &[$($id),+]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                // The value is not quoted: errors end up in logs, and stored values are data.
                $name::parse(&value)
                    .ok_or_else(|| serde::de::Error::custom(concat!("unknown ", stringify!($name))))
            }
        }
    };
}

/// What the report parser needs of any enumeration.
pub trait Choice: Copy + Eq {
    fn parse(value: &str) -> Option<Self>;
    fn allowed() -> String;
    /// Every wire identifier, in declaration order (the form lists them as choices).
    fn identifiers() -> &'static [&'static str];
}

//! The astronomy the Hindu and solar-term holidays need: instants of new and full moons, the
//! Sun's longitude, and the conversion of those instants to a civil date in a time zone.
//!
//! - Moon phases: Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998), chapter 49: the mean
//!   phase plus the periodic terms and the fourteen planetary arguments. Meeus gives the result
//!   within a few seconds of the true instant for 1900-2100 (far below a day).
//! - Sun: Meeus chapter 25, the low-accuracy theory (geometric longitude plus the equation of
//!   the centre, less aberration): within 0.01 degree, about 15 minutes of the Sun's motion.
//! - Sidereal longitude: the tropical longitude less the Lahiri (Chitrapaksha) ayanamsa, taken
//!   as 23.857092 degrees at J2000 advancing with the general precession in longitude.
//! - Dynamical time to UT: Espenak and Meeus's polynomials for delta T (about a minute here).
//!
//! All instants are Julian Ephemeris Days (`jde`, dynamical time) until [`local_days`] turns
//! them into days since 1970-01-01 on a local clock.

/// Degrees to radians.
fn rad(deg: f64) -> f64 {
    deg.to_radians()
}

/// Which phase of the Moon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Conjunction of Sun and Moon (Amavasya ends at this instant).
    New,
    /// Opposition (Purnima ends at this instant).
    Full,
}

/// The instant (JDE) of lunation `k` (k = 0 is the new moon of 6 January 2000) in `phase`:
/// Meeus (49.1) plus the corrections of chapter 49.
pub(super) fn moon_phase(k: i64, phase: Phase) -> f64 {
    let k = k as f64
        + match phase {
            Phase::New => 0.0,
            Phase::Full => 0.5,
        };
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mut jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = rad(2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3);
    let mp = rad(
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4,
    );
    let f = rad(
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4,
    );
    let om = rad(124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3);
    // The two phases differ only in the first terms.
    let (c1, c2, c3, c4, c5, c6, c7) = match phase {
        Phase::New => (
            -0.40720, 0.17241, 0.01608, 0.01039, 0.00739, -0.00514, 0.00208,
        ),
        Phase::Full => (
            -0.40614, 0.17302, 0.01614, 0.01043, 0.00734, -0.00515, 0.00209,
        ),
    };
    jde += c1 * mp.sin()
        + c2 * e * m.sin()
        + c3 * (2.0 * mp).sin()
        + c4 * (2.0 * f).sin()
        + c5 * e * (mp - m).sin()
        + c6 * e * (mp + m).sin()
        + c7 * e * e * (2.0 * m).sin()
        - 0.00111 * (mp - 2.0 * f).sin()
        - 0.00057 * (mp + 2.0 * f).sin()
        + 0.00056 * e * (2.0 * mp + m).sin()
        - 0.00042 * (3.0 * mp).sin()
        + 0.00042 * e * (m + 2.0 * f).sin()
        + 0.00038 * e * (m - 2.0 * f).sin()
        - 0.00024 * e * (2.0 * mp - m).sin()
        - 0.00017 * om.sin()
        - 0.00007 * (mp + 2.0 * m).sin()
        + 0.00004 * (2.0 * mp - 2.0 * f).sin()
        + 0.00004 * (3.0 * m).sin()
        + 0.00003 * (mp + m - 2.0 * f).sin()
        + 0.00003 * (2.0 * mp + 2.0 * f).sin()
        - 0.00003 * (mp + m + 2.0 * f).sin()
        + 0.00003 * (mp - m + 2.0 * f).sin()
        - 0.00002 * (mp - m - 2.0 * f).sin()
        - 0.00002 * (3.0 * mp + m).sin()
        + 0.00002 * (4.0 * mp).sin();
    // The planetary arguments A1..A14 and their coefficients.
    const PLANETARY: [(f64, f64, f64); 14] = [
        (299.77, 0.107_408, 0.000_325),
        (251.88, 0.016_321, 0.000_165),
        (251.83, 26.651_886, 0.000_164),
        (349.42, 36.412_478, 0.000_126),
        (84.66, 18.206_239, 0.000_110),
        (141.74, 53.303_771, 0.000_062),
        (207.14, 2.453_732, 0.000_060),
        (154.84, 7.306_860, 0.000_056),
        (34.52, 27.261_239, 0.000_047),
        (207.19, 0.121_824, 0.000_042),
        (291.34, 1.844_379, 0.000_040),
        (161.72, 24.198_154, 0.000_037),
        (239.56, 25.513_099, 0.000_035),
        (331.55, 3.592_518, 0.000_023),
    ];
    for (i, (a0, rate, coef)) in PLANETARY.iter().enumerate() {
        let mut a = a0 + rate * k;
        if i == 0 {
            a -= 0.009_173 * t2;
        }
        jde += coef * rad(a).sin();
    }
    jde
}

/// How fast (degrees per day) the Moon gains on the Sun over the tithi (12 degrees of
/// elongation) that ends at lunation `k`'s `phase`: the mean rate plus the derivatives of the
/// Moon's equation of the centre, evection, variation and second-order anomaly term, less the
/// Sun's equation of the centre, taken at the middle of that tithi. Good to about 2%, so a
/// tithi's length to about half an hour.
pub(super) fn tithi_rate(k: i64, phase: Phase) -> f64 {
    let k = k as f64
        + match phase {
            Phase::New => 0.0,
            Phase::Full => 0.5,
        };
    // Mean anomalies at the middle of the tithi, about half a day before the phase.
    let mp = rad(201.5643 + 385.816_935_28 * k - 6.5);
    let m = rad(2.5534 + 29.105_356_70 * k - 0.5);
    12.1908 + 0.272 + 1.6856 * mp.cos() + 0.0976 * (2.0 * mp).cos() - 0.0329 * m.cos()
}

/// Sunrise (`rise`) or sunset, for the Sun's upper limb with refraction (-0.833 degree), on
/// the local day `day` (days since 1970-01-01 on a clock `offset_hours` ahead of UT) at
/// latitude `lat` and east longitude `lon` in degrees; returned on the same local scale. The
/// almanac formula of the US Naval Observatory (Sun's declination and equation of time):
/// within a minute or two away from the poles.
pub(super) fn sun_rise_set(day: f64, lat: f64, lon: f64, offset_hours: f64, rise: bool) -> f64 {
    // Days from J2000 to local noon of `day`, in UT.
    let n = day + 2_440_587.5 + 0.5 - offset_hours / 24.0 - 2_451_545.0;
    let g = rad(357.529 + 0.985_600_28 * n);
    let q = 280.459 + 0.985_647_36 * n;
    let l = rad(q + 1.915 * g.sin() + 0.020 * (2.0 * g).sin());
    let e = rad(23.439 - 0.000_000_36 * n);
    let ra = (e.cos() * l.sin()).atan2(l.cos()).to_degrees();
    let dec = (e.sin() * l.sin()).asin();
    // The equation of time, as a fraction of a day.
    let eqt = ((q - ra + 540.0).rem_euclid(360.0) - 180.0) / 360.0;
    let noon = 0.5 - lon / 360.0 - eqt + offset_hours / 24.0;
    let cos_h = (rad(-0.833).sin() - rad(lat).sin() * dec.sin()) / (rad(lat).cos() * dec.cos());
    let half_day = cos_h.clamp(-1.0, 1.0).acos().to_degrees() / 360.0;
    day.floor() + noon + if rise { -half_day } else { half_day }
}

/// The lunation number `k` of the first new moon at or after about the start of `year`
/// (Meeus 49.2, rounded down, so a few lunations before or after may be needed).
pub(super) fn lunation_near(year: i32) -> i64 {
    ((f64::from(year) - 2000.0) * 12.3685).floor() as i64
}

/// The Sun's apparent geometric longitude, tropical, mean equinox of date, in degrees
/// `0..360` (Meeus chapter 25, low accuracy; nutation left out).
pub(super) fn sun_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = rad(357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t);
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_289 * (3.0 * m).sin();
    (l0 + c - 0.005_69).rem_euclid(360.0)
}

/// The Lahiri ayanamsa in degrees at `jde`.
fn ayanamsa(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    23.857_092 + (5_029.096_6 * t + 1.111_13 * t * t) / 3_600.0
}

/// The Sun's sidereal (Lahiri) longitude in degrees `0..360`.
pub(super) fn sun_sidereal(jde: f64) -> f64 {
    (sun_longitude(jde) - ayanamsa(jde)).rem_euclid(360.0)
}

/// The sidereal sign (rashi) the Sun is in: 0 = Mesha (Aries) ... 11 = Meena (Pisces).
pub(super) fn rashi(jde: f64) -> u8 {
    (sun_sidereal(jde) / 30.0) as u8 % 12
}

/// The first instant in `from..to` (JDE) when `longitude` reaches `target` degrees, found by
/// bisection; the longitude must cross `target` once in the interval.
pub(super) fn crossing(longitude: fn(f64) -> f64, target: f64, from: f64, to: f64) -> f64 {
    // Signed distance past the target, in -180..180, so the 360 -> 0 wrap is harmless.
    let past = |jde: f64| (longitude(jde) - target + 540.0).rem_euclid(360.0) - 180.0;
    let (mut lo, mut hi) = (from, to);
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if past(mid) < 0.0 { lo = mid } else { hi = mid }
    }
    (lo + hi) / 2.0
}

/// The JDE of 0h dynamical time on 1 January of `year` (Gregorian).
pub(super) fn jde_of_year_start(year: i32) -> f64 {
    // Days from 1970-01-01 to 1 January of `year`, by whole Gregorian cycles of 400 years.
    let y = i64::from(year) - 1;
    let days = 365 * (y - 1969) + (y.div_euclid(4) - 492) - (y.div_euclid(100) - 19)
        + (y.div_euclid(400) - 4);
    2_440_587.5 + days as f64
}

/// Delta T = TT - UT in seconds for a decimal year (Espenak and Meeus, 2006).
fn delta_t(year: f64) -> f64 {
    match year {
        y if y < 1920.0 => {
            let t = y - 1900.0;
            -2.79 + 1.494_119 * t - 0.059_893_9 * t * t + 0.006_196_6 * t.powi(3)
                - 0.000_197 * t.powi(4)
        }
        y if y < 1941.0 => {
            let t = y - 1920.0;
            21.20 + 0.844_93 * t - 0.076_100 * t * t + 0.002_093_6 * t.powi(3)
        }
        y if y < 1961.0 => {
            let t = y - 1950.0;
            29.07 + 0.407 * t - t * t / 233.0 + t.powi(3) / 2547.0
        }
        y if y < 1986.0 => {
            let t = y - 1975.0;
            45.45 + 1.067 * t - t * t / 260.0 - t.powi(3) / 718.0
        }
        y if y < 2005.0 => {
            let t = y - 2000.0;
            63.86 + 0.3345 * t - 0.060_374 * t * t
                + 0.001_727_5 * t.powi(3)
                + 0.000_651_814 * t.powi(4)
                + 0.000_023_735_99 * t.powi(5)
        }
        y if y < 2050.0 => {
            let t = y - 2000.0;
            62.92 + 0.322_17 * t + 0.005_589 * t * t
        }
        y => {
            let u = (y - 1820.0) / 100.0;
            -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y)
        }
    }
}

/// Days since 1970-01-01 00:00 on a clock `offset_hours` ahead of UT, with the fraction of
/// the day, for the instant `jde`.
pub(super) fn local_days(jde: f64, offset_hours: f64) -> f64 {
    let year = 2000.0 + (jde - 2_451_545.0) / 365.25;
    jde - delta_t(year) / 86_400.0 - 2_440_587.5 + offset_hours / 24.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Meeus example 49.a: the new moon of February 1977 (k = -283) is JDE 2443192.65118.
    #[test]
    fn meeus_new_moon_example() {
        assert!((moon_phase(-283, Phase::New) - 2_443_192.651_18).abs() < 0.000_01);
    }

    /// Meeus example 25.a: on 1992 October 13.0 TD the Sun's true longitude is 199.90988;
    /// less aberration (0.00569) this stays within 0.01 degree of it.
    #[test]
    fn meeus_sun_example() {
        let l = sun_longitude(2_448_908.5);
        assert!((l - 199.909_88).abs() < 0.01, "{l}");
    }

    /// New Delhi (28.61 N, 77.21 E) at IST: sunrise about 07:14 and sunset about 17:35 on
    /// 1 January 2024, sunrise about 05:23 and sunset about 19:22 on 21 June 2024.
    #[test]
    fn delhi_sunrise_and_sunset() {
        let jan1 = jde_of_year_start(2024) - 2_440_587.5;
        let minutes = |t: f64| ((t - t.floor()) * 1440.0).round();
        let rise = sun_rise_set(jan1, 28.61, 77.21, 5.5, true);
        let set = sun_rise_set(jan1, 28.61, 77.21, 5.5, false);
        assert!(
            (minutes(rise) - (7.0 * 60.0 + 14.0)).abs() <= 3.0,
            "{}",
            minutes(rise)
        );
        assert!(
            (minutes(set) - (17.0 * 60.0 + 35.0)).abs() <= 3.0,
            "{}",
            minutes(set)
        );
        let jun21 = jan1 + 172.0;
        let rise = sun_rise_set(jun21, 28.61, 77.21, 5.5, true);
        let set = sun_rise_set(jun21, 28.61, 77.21, 5.5, false);
        assert!(
            (minutes(rise) - (5.0 * 60.0 + 23.0)).abs() <= 3.0,
            "{}",
            minutes(rise)
        );
        assert!(
            (minutes(set) - (19.0 * 60.0 + 22.0)).abs() <= 3.0,
            "{}",
            minutes(set)
        );
    }

    #[test]
    fn year_start_is_the_julian_day_of_1_january() {
        assert_eq!(jde_of_year_start(2000), 2_451_544.5);
        assert_eq!(jde_of_year_start(1970), 2_440_587.5);
        assert_eq!(jde_of_year_start(1900), 2_415_020.5);
    }

    /// The Sun enters sidereal Capricorn (Makar Sankranti) on 14 or 15 January in 1950-2050.
    #[test]
    fn sidereal_capricorn_in_mid_january() {
        for year in 1950..=2050 {
            let start = jde_of_year_start(year);
            let jde = crossing(sun_sidereal, 270.0, start + 5.0, start + 25.0);
            let day = local_days(jde, 5.5) - local_days(start, 0.0);
            assert!((12.0..16.0).contains(&day), "{year}: {day}");
        }
    }
}

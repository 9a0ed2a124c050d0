package org.sfcrime.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plausible free-text crime types beyond the 40 most frequent ones: the dispatcher's own words,
 * penal and vehicle codes, their abbreviated combinations, and one-off typos and truncations.
 * Values are title-cased per word like the real extract ("Meet W/citizen", "22500e"), ASCII,
 * and at most 20 characters.
 */
final class CrimeTypeVocabulary {

    private static final int MAX_LENGTH = 20;

    /** Fixes the order of the candidate list, the same for every user seed. */
    private static final long CATALOG_ORDER_SEED = 0x5f_c0de_2018L;

    private static final List<String> INCIDENTS = List.of(
            "Shots Fired", "Robbery", "Strongarm Robbery", "Person Down", "Prowler", "Aided Case",
            "Missing Person", "Missing Juvenile", "Found Person", "Found Property", "Lost Property",
            "Graffiti", "Indecent Exposure", "Blocked Driveway", "Double Parking", "Dog Bite",
            "Loud Party", "Loud Music", "Panhandling", "Shoplifting", "Car Alarm", "Fireworks",
            "Street Racing", "Drunk Driver", "Juvenile Disturbance", "Person With Knife",
            "Person With Gun", "Drug Sale", "Drug Use", "Hot Prowl", "Carjacking", "Kidnapping",
            "Arson", "Stabbing", "Shooting", "Explosion", "Bomb Threat", "Suspicious Package",
            "Drunk Person", "Sleeper", "Encampment", "Illegal Dumping", "Noise Complaint",
            "Barking Dog", "Animal Complaint", "Injured Animal", "Traffic Hazard", "Stalled Vehicle",
            "Abandoned Vehicle", "Tow Request", "Parking Violation", "Citizen Standby",
            "Civil Standby", "Landlord Tenant", "Family Dispute", "Domestic Violence", "Elder Abuse",
            "Child Abuse", "Restraining Order", "Stay Away Order", "Warrant Arrest", "Parole Search",
            "Probation Search", "Ped Stop", "Bike Theft", "Package Theft", "Grand Theft",
            "Pickpocket", "Purse Snatch", "Auto Theft", "Recovered Vehicle", "Stolen Plate",
            "Hit And Run", "Road Rage", "Reckless Driver", "Speeding Vehicle", "Hazmat", "Gas Leak",
            "Water Main Break", "Downed Wires", "Tree Down", "Fire Alarm", "Silent Alarm",
            "Panic Alarm", "Holdup Alarm", "Welfare Check", "Overdose", "Medical Call",
            "Suicidal Person", "Person Screaming", "Brandishing", "Vehicle Tampering",
            "Window Smash", "Smash And Grab", "Break In", "Residential Burg", "Commercial Burg",
            "Vehicle Burglary", "Trespassing", "Unwanted Guest", "Refusing To Leave", "Solicitor",
            "Check Forgery", "Identity Theft", "Embezzlement", "Credit Card Fraud", "Scam",
            "Extortion", "Annoying Calls", "Harassment", "Sexual Assault", "Battery", "Assault",
            "Mutual Combat", "Crowd Control", "Large Crowd", "Protest", "Demonstration",
            "Special Event", "School Check", "Truancy", "Runaway", "Curfew Violation",
            "Muni Incident", "Bart Incident", "Fare Evasion", "Trash Fire", "Vehicle Fire",
            "Structure Fire", "Smoke Investigation", "Lockout", "Citizen Assist", "Assist Sffd",
            "Assist Other Agency", "Assist Chp", "Assist Sfsd", "Traffic Control", "Foot Patrol",
            "Park Patrol", "Directed Patrol", "Follow Up", "Station Detail", "Prisoner Transport",
            "Broken Window", "Open Door", "Open Window", "Property Damage", "Tagging", "Loitering",
            "Public Urination", "Needle Pickup", "Tent Complaint", "Rv Complaint",
            "Sidewalk Blocked", "Illegal Vending", "Gambling", "Prostitution", "Loud Vehicle",
            "Sideshow", "Shopping Cart", "Street Fight", "Bar Fight", "Fight With Weapon",
            "Person Armed", "Gun Found", "Knife Found", "Found Drugs", "Found Needle", "Dead Body",
            "Coroner Case", "Injury Accident", "Vehicle Vs Ped", "Vehicle Vs Bike", "Bike Accident",
            "Cable Car Incident", "Juvenile Beyond", "Sfpd Assist", "Citizen Flag Down",
            "Susp Circumstances", "Unknown Trouble", "Person Yelling", "Vehicle Blocking",
            "Suspicious Noise", "Glass Break", "Alarm Cancel", "Mentally Ill", "Wanted Person",
            "Escaped Prisoner", "Stolen Bike", "Stolen Phone", "Phone Snatch", "Car Break In",
            "Stolen Property", "Receiving Stolen", "Intoxicated Person", "Person Bleeding");

    /** Penal, vehicle, municipal and radio codes, written the way dispatchers type them. */
    private static final List<String> CODES = List.of(
            "211", "215", "240", "242", "245", "246", "261", "273.5", "288", "311", "314", "415",
            "417", "422", "451", "459", "470", "484", "487", "496", "503", "530.5", "594", "597",
            "602", "646.9", "647b", "647f", "653m", "148", "166", "10851", "11350", "11359",
            "11364", "11377", "12020", "12500", "14601", "20001", "20002", "21453", "22100",
            "22349", "22350", "22450", "22500a", "22500b", "22500h", "22500i", "22502", "22507",
            "22651", "23103", "23152", "23153", "5150", "5585", "586", "603", "904", "906", "907",
            "908", "910", "911", "913", "914", "915", "916", "917", "918", "919", "920", "921",
            "800", "801", "802", "806", "811", "812", "813", "851", "852", "7.2.42", "7.2.47",
            "Mpc 37", "Mpc 49", "Mpc 168", "10-15", "10-20", "10-33");

    private static final List<String> INCIDENT_SUFFIXES = List.of(
            "Dv", "Juv", "Att", "Rpt", "Cit", "Veh", "Hs", "Ip", "Ref", "Fu", "Suspect", "Report",
            "Info", "Cold");
    private static final List<String> CODE_SUFFIXES = List.of(
            "Dv", "Att", "Cit", "Rpt", "Veh", "Juv", "Ip", "Fu", "Suspect", "Poss", "Report",
            "Warrant", "Arrest");
    private static final List<String> PREFIXES = List.of(
            "Att", "Fu", "Poss", "Rpt", "Cold", "Late", "Ref", "Cit", "Juv");

    private CrimeTypeVocabulary() {
    }

    /**
     * All candidate types, most plausible first (single incidents and codes, then combinations),
     * without the excluded names. The order is the same for every seed.
     */
    static List<String> candidates(Set<String> excluded) {
        Random order = new Random(CATALOG_ORDER_SEED);
        List<String> singles = new ArrayList<>(INCIDENTS);
        singles.addAll(CODES);
        Collections.shuffle(singles, order);

        List<String> combinations = new ArrayList<>();
        for (String incident : INCIDENTS) {
            for (String suffix : INCIDENT_SUFFIXES) {
                combinations.add(incident + " " + suffix);
            }
            for (String prefix : PREFIXES) {
                combinations.add(prefix + " " + incident);
            }
        }
        for (String code : CODES) {
            for (String suffix : CODE_SUFFIXES) {
                combinations.add(code + " " + suffix);
            }
            for (String prefix : PREFIXES) {
                combinations.add(prefix + " " + code);
            }
        }
        Collections.shuffle(combinations, order);

        // LinkedHashSet: drops duplicates but keeps the deterministic order.
        Set<String> unique = new LinkedHashSet<>();
        List<String> mostPlausibleFirst = new ArrayList<>(singles);
        mostPlausibleFirst.addAll(combinations);
        for (String candidate : mostPlausibleFirst) {
            if (isValid(candidate) && !excluded.contains(candidate)) {
                unique.add(candidate);
            }
        }
        return List.copyOf(unique);
    }

    /**
     * A one-off variant of a type, as a dispatcher might type it once: a dropped, doubled or
     * swapped letter, a cut-off word, or two codes in one call. May return an invalid value;
     * callers check {@link #isValid}.
     */
    static String variant(String base, SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> dropLetter(base, random);
            case 1 -> doubleLetter(base, random);
            case 2 -> swapLetters(base, random);
            case 3 -> truncate(base, random);
            default -> CODES.get(random.nextInt(CODES.size())) + "/" + CODES.get(random.nextInt(CODES.size()));
        };
    }

    static boolean isValid(String type) {
        if (type.isBlank() || type.length() > MAX_LENGTH || !type.equals(type.strip())) {
            return false;
        }
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String dropLetter(String base, SplittableRandom random) {
        int i = lowercaseLetterAt(base, random);
        return i < 0 ? base : base.substring(0, i) + base.substring(i + 1);
    }

    private static String doubleLetter(String base, SplittableRandom random) {
        int i = lowercaseLetterAt(base, random);
        return i < 0 ? base : base.substring(0, i + 1) + base.substring(i);
    }

    private static String swapLetters(String base, SplittableRandom random) {
        int i = lowercaseLetterAt(base, random);
        if (i < 0 || i + 1 >= base.length() || !Character.isLowerCase(base.charAt(i + 1))) {
            return base;
        }
        return base.substring(0, i) + base.charAt(i + 1) + base.charAt(i) + base.substring(i + 2);
    }

    private static String truncate(String base, SplittableRandom random) {
        if (base.length() < 8) {
            return base;
        }
        int length = base.length() - 1 - random.nextInt(4);
        return base.substring(0, length).strip();
    }

    /** A random position holding a lowercase letter, or -1: keeps the first letter of words intact. */
    private static int lowercaseLetterAt(String text, SplittableRandom random) {
        int start = random.nextInt(text.length());
        for (int k = 0; k < text.length(); k++) {
            int i = (start + k) % text.length();
            if (Character.isLowerCase(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}

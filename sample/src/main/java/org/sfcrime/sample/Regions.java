package org.sfcrime.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Street grids and landmarks behind each {@code city} value of the extract. Grids are weighted
 * towards the neighbourhoods that generate most calls (Tenderloin, Market, Mission, SoMa).
 */
final class Regions {

    static final Region SAN_FRANCISCO = Region.builder()
            .grid(18, new StreetGrid(
                    List.of("Geary St", "O'farrell St", "Ellis St", "Eddy St", "Turk St",
                            "Golden Gate Ave", "Post St", "Sutter St"), 0, 900,
                    List.of("Jones St", "Leavenworth St", "Hyde St", "Larkin St", "Polk St",
                            "Taylor St", "Mason St", "Powell St"), 0, 700))
            .grid(14, new StreetGrid(
                    List.of("Market St"), 0, 2400,
                    List.of("1st St", "2nd St", "3rd St", "4th St", "5th St", "6th St", "7th St",
                            "8th St", "9th St", "10th St", "Van Ness Ave", "Gough St", "Octavia Blvd",
                            "Church St", "Sanchez St", "Castro St", "Kearny St", "Montgomery St",
                            "Sansome St", "Battery St", "Drumm St", "Steuart St"), 0, 500))
            .grid(16, new StreetGrid(
                    List.of("Mission St", "Valencia St", "Guerrero St", "Dolores St", "Folsom St",
                            "Harrison St", "Bryant St", "S Van Ness Ave", "Capp St", "Shotwell St"), 1400, 3400,
                    ordinals(14, 26, "St"), 2000, 3500))
            .grid(14, new StreetGrid(
                    List.of("Mission St", "Howard St", "Folsom St", "Harrison St", "Bryant St",
                            "Natoma St", "Minna St"), 0, 1300,
                    ordinals(1, 11, "St"), 0, 500))
            .grid(8, new StreetGrid(
                    List.of("3rd St"), 3000, 6500,
                    List.of("Evans Ave", "Palou Ave", "Oakdale Ave", "Revere Ave", "Williams Ave",
                            "Jerrold Ave", "Quesada Ave", "Thomas Ave", "Newcomb Ave", "Kirkwood Ave",
                            "Carroll Ave", "Paul Ave"), 1000, 1900))
            .grid(6, new StreetGrid(
                    List.of("Broadway", "Columbus Ave", "Pacific Ave", "Jackson St", "Washington St",
                            "Clay St", "Sacramento St", "Vallejo St", "Green St"), 300, 1200,
                    List.of("Grant Ave", "Stockton St", "Kearny St", "Powell St", "Mason St"), 600, 1600))
            .grid(5, new StreetGrid(
                    List.of("Geary Blvd", "Clement St", "Balboa St", "Fulton St", "California St",
                            "Anza St", "Cabrillo St"), 3000, 6000,
                    ordinals(2, 47, "Ave"), 0, 800))
            .grid(5, new StreetGrid(
                    List.of("Irving St", "Judah St", "Noriega St", "Taraval St", "Lincoln Way",
                            "Kirkham St", "Ortega St", "Quintara St"), 600, 3800,
                    ordinals(5, 48, "Ave"), 1200, 2800))
            .grid(5, new StreetGrid(
                    List.of("Haight St", "Page St", "Oak St", "Fell St", "Hayes St", "Mcallister St",
                            "Golden Gate Ave"), 300, 1900,
                    List.of("Divisadero St", "Masonic Ave", "Ashbury St", "Clayton St", "Cole St",
                            "Stanyan St", "Fillmore St", "Steiner St", "Scott St", "Webster St",
                            "Laguna St"), 0, 1800))
            .grid(4, new StreetGrid(
                    List.of("Mission St"), 4000, 5800,
                    List.of("Geneva Ave", "Ocean Ave", "Silver Ave", "Persia Ave", "Russia Ave",
                            "Excelsior Ave", "Italy Ave", "France Ave", "Onondaga Ave"), 0, 1000))
            .grid(4, new StreetGrid(
                    List.of("Lombard St", "Chestnut St", "Union St", "Bay St", "Filbert St"), 1500, 3300,
                    List.of("Fillmore St", "Steiner St", "Divisadero St", "Van Ness Ave", "Franklin St",
                            "Gough St", "Octavia St", "Laguna St"), 1800, 3200))
            .grid(3, new StreetGrid(
                    List.of("18th St", "24th St", "Market St"), 2300, 4200,
                    List.of("Castro St", "Noe St", "Sanchez St", "Church St", "Diamond St",
                            "Douglass St"), 300, 4100))
            .landmark("Civic Center Bart Station, Sf", "1100 Block Of Market St")
            .landmark("Powell St Bart Station, Sf", "800 Block Of Market St")
            .landmark("16th St Bart Station, Sf", "Mission St/16th St")
            .landmark("Union Square, Sf", "Geary St/Powell St")
            .landmark("24th St Bart Station, Sf", "Mission St/24th St")
            .landmark("Civic Center Plaza, Sf", "Larkin St/Mcallister St")
            .landmark("Hallidie Plaza, Sf", "Powell St/Market St")
            .landmark("Westfield Centre, Sf", "800 Block Of Market St")
            .landmark("Golden Gate Park, Sf", "500 Block Of John F Kennedy Dr")
            .landmark("Sf General Hospital, Sf", "1000 Block Of Potrero Ave")
            .landmark("Boeddeker Park, Sf", "Eddy St/Jones St")
            .landmark("Dolores Park, Sf", "Dolores St/19th St")
            .landmark("Embarcadero Bart Station, Sf", "Market St/Drumm St")
            .landmark("Montgomery St Bart Station, Sf", "600 Block Of Market St")
            .landmark("Glide Memorial Church, Sf", "300 Block Of Ellis St")
            .landmark("Pier 39, Sf", "Beach St/The Embarcadero North")
            .landmark("Ferry Building, Sf", "Market St/The Embarcadero")
            .landmark("Salesforce Transit Center, Sf", "400 Block Of Mission St")
            .landmark("Hall Of Justice, Sf", "800 Block Of Bryant St")
            .landmark("Moscone Center, Sf", "700 Block Of Howard St")
            .landmark("At&t Park, Sf", "King St/3rd St")
            .landmark("Caltrain Station, Sf", "King St/4th St")
            .landmark("Balboa Park Bart Station, Sf", "Geneva Ave/San Jose Ave")
            .landmark("Glen Park Bart Station, Sf", "Bosworth St/Diamond St")
            .landmark("Stonestown Galleria, Sf", "3200 Block Of 20th Ave")
            .landmark("Mission Police Station, Sf", "600 Block Of Valencia St")
            .landmark("Tenderloin Police Station, Sf", "300 Block Of Eddy St")
            .landmark("Fishermans Wharf, Sf", "Jefferson St/Taylor St")
            .landmark("Ghirardelli Square, Sf", "900 Block Of North Point St")
            .landmark("Japantown Peace Plaza, Sf", "Post St/Buchanan St")
            .landmark("Ocean Beach, Sf", "Great Hwy/Judah St")
            .landmark("Alamo Square, Sf", "Hayes St/Steiner St")
            .landmark("Buena Vista Park, Sf", "Haight St/Buena Vista Ave West")
            .landmark("Coit Tower, Sf", "0 Block Of Telegraph Hill Blvd")
            .landmark("Laguna Honda Hospital, Sf", "300 Block Of Laguna Honda Blvd")
            .build();

    static final Region TREASURE_ISLAND = Region.builder()
            .grid(1, new StreetGrid(
                    List.of("Avenue Of The Palms", "California Ave", "Avenue B", "Avenue C",
                            "Avenue D", "Avenue H", "Avenue M", "Avenue N"), 0, 1400,
                    List.of("9th St", "13th St", "Gateview Ave", "Northpoint Dr", "4th St"), 0, 1200))
            .landmark("Treasure Island Ferry Dock, Ti", "Avenue Of The Palms/California Ave")
            .landmark("Treasure Island Gym, Ti", "Avenue Of The Palms/9th St")
            .landmark("Treasure Island Job Corps, Ti", "600 Block Of Avenue Of The Palms")
            .build();

    static final Region YERBA_BUENA = Region.builder()
            .grid(1, new StreetGrid(
                    List.of("Macalla Rd", "Yerba Buena Rd", "Forest Rd", "Hillcrest Rd"), 0, 400,
                    List.of("Treasure Island Rd", "Northgate Rd", "Signal Rd"), 0, 300))
            .landmark("Coast Guard Station, Ybi", "Yerba Buena Rd/Signal Rd")
            .build();

    static final Region DALY_CITY = Region.builder()
            .grid(1, new StreetGrid(
                    List.of("Mission St", "Geneva Ave", "John Daly Blvd", "Junipero Serra Blvd"), 6000, 7400,
                    List.of("San Jose Ave", "Sickles Ave", "Templeton Ave", "Crocker Ave",
                            "Hanover St", "Bellevue Ave"), 0, 600))
            .landmark("Cow Palace, Dc", "2600 Block Of Geneva Ave")
            .landmark("Daly City Bart Station, Dc", "John Daly Blvd/Junipero Serra Blvd")
            .build();

    static final Region HUNTERS_POINT = Region.builder()
            .grid(1, new StreetGrid(
                    List.of("Innes Ave", "Hudson Ave", "Kirkwood Ave", "Oakdale Ave", "Palou Ave"), 0, 1200,
                    List.of("Middle Point Rd", "Hunters Point Blvd", "Jennings St", "Ingalls St",
                            "Donahue St"), 0, 1200))
            .landmark("Hunters Point Shipyard, Sf", "Innes Ave/Donahue St")
            .build();

    static final Region PRESIDIO = Region.builder()
            .grid(1, new StreetGrid(
                    List.of("Lincoln Blvd", "Presidio Blvd", "Mason St", "Lombard St", "Letterman Dr"), 0, 1400,
                    List.of("Funston Ave", "Halleck St", "Graham St", "Montgomery St", "Arguello Blvd"), 0, 600))
            .landmark("Crissy Field, Sf", "600 Block Of Mason St")
            .landmark("Presidio Main Post, Sf", "Lincoln Blvd/Graham St")
            .landmark("Baker Beach, Sf", "Gibson Rd/Bowley St")
            .build();

    static final Region BRISBANE = Region.builder()
            .grid(1, new StreetGrid(
                    List.of("Bayshore Blvd", "Tunnel Ave", "Sierra Point Pkwy"), 2000, 3800,
                    List.of("Geneva Ave", "Old County Rd", "Lagoon Rd", "San Bruno Ave"), 0, 400))
            .landmark("Sierra Point Marina, Brisbane", "Sierra Point Pkwy/Marina Blvd")
            .build();

    private Regions() {
    }

    /** "16th St", "21st St", "22nd Ave", ...: the numbered streets and avenues of the city. */
    static List<String> ordinals(int first, int last, String suffix) {
        List<String> names = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            names.add(n + ordinalSuffix(n) + " " + suffix);
        }
        return names;
    }

    private static String ordinalSuffix(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}

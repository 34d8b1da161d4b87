// The words, feeds and outlets the bench's synthetic cards are made of, shaped
// like the real cards (figures beside each list). Used by generate-cards.mjs.

export const WORDS = (
  'the a of to in and for on with as by at from new says after over how why what more its their this that will be is are ' +
  'has have was were could would may can about into than up out amid first year week report plan deal data cloud app apps ' +
  'power platform microsoft users teams security update launch launches announces government city state court vaccine ' +
  'cases health school schools students market markets stock stocks price prices company companies business workers ' +
  'election president minister police officials people million billion percent china india europe london york ' +
  'california texas climate energy oil gas electric vehicles battery chip chips ai model models machine learning ' +
  'developers code open source software hardware release preview feature features support customers partners ' +
  'record growth sales profit loss quarter results analysts investors bank rates inflation economy jobs trade ' +
  'travel airline flights border covid pandemic lockdown restrictions hospital patients doctors study research ' +
  'scientists space mission launch rocket satellite game games gaming studio film music festival team season ' +
  'league coach players win loses final cup match breach hackers attack ransomware privacy records exposed ' +
  'portal portals automation workflow low-code dashboard insights copilot assistant integration admin center'
).split(' ')

// Real cards: 19 topics in 685 cards, one feed's topic on 98% of its cards.
export const FEED_TOPICS = [
  ['Power Apps', 'Portals', 'Model-driven apps', 'Teams integration', 'Canvas apps', 'AI Builder', 'Common Data Service'],
  ['Coronavirus', 'Coronavirus in Asia', 'Coronavirus in China', 'Coronavirus in US', 'Coronavirus in Europe', 'Education Impact'],
  ['Election', 'Donald Trump', 'Democratic Voice', 'Joe Biden', 'Swing States', 'Polls'],
  ['Machine Learning', 'AI', 'Deep Learning', 'Computer Vision', 'NLP', 'Robotics'],
  ['StarCraft 2', 'Esports', 'Blizzard', 'Game Releases', 'Consoles'],
  ['Climate Change', 'Renewable Energy', 'Wildfires', 'Carbon Capture', 'COP26'],
  ['Electric Vehicles', 'Tesla', 'Batteries', 'Charging', 'Autonomous Driving'],
  ['Cybersecurity', 'Ransomware', 'Data Breaches', 'Zero Trust', 'Phishing'],
  ['Space', 'NASA', 'SpaceX', 'Mars', 'Satellites'],
  ['Cryptocurrency', 'Bitcoin', 'Ethereum', 'NFT', 'DeFi'],
  ['5G', 'Telecom', 'Smartphones', 'Wearables', 'IoT'],
  ['Remote Work', 'Microsoft Teams', 'Zoom', 'Hybrid Work', 'Productivity'],
  ['Healthcare', 'Vaccines', 'Telehealth', 'Mental Health', 'Clinical Trials'],
  ['Stock Market', 'Earnings', 'IPO', 'Interest Rates', 'Inflation'],
  ['Olympics', 'Football', 'Tennis', 'Formula 1', 'Cricket'],
  ['Semiconductors', 'Chip Shortage', 'TSMC', 'Intel', 'Nvidia'],
  ['Cloud Computing', 'Azure', 'AWS', 'Google Cloud', 'Kubernetes'],
  ['Open Source', 'Linux', 'GitHub', 'Rust', 'Python'],
  ['Deep Fakes', 'Regulation', 'Privacy', 'Content Moderation', 'Social Media'],
  ['Supply Chain', 'Shipping', 'Logistics', 'Retail', 'E-commerce']
]

// 95 providers in 685 cards: the feed's main outlet on ~78%, a long tail for the rest.
const PROVIDER_NAMES = [
  'Microsoft', 'SharePoint', 'Electronic Design', 'On MSFT', 'Neowin', 'Digital Journal', 'LinkedIn', 'GitHub', 'InfoWorld',
  'Visual Studio Magazine', 'VentureBeat', 'Business Insider', 'ZDNet', 'Dark Reading', 'TechRepublic', 'TechRadar',
  'The Guardian', 'Windows Central', 'Daily Mail', 'IT Pro', 'Redmond Magazine', 'CRN', 'Benzinga.com', 'FOX4 Kansas City',
  'Patch', 'BBC', 'New York Times', 'USA Today', 'NBC News', 'NME', 'IGN', 'Polygon', 'Eurogamer', 'Jurist',
  'South China Morning Post', 'Reuters', 'Bloomberg', 'CNBC', 'The Verge', 'Ars Technica', 'Wired', 'Engadget', 'TechCrunch',
  'GeekWire', 'SiliconANGLE', 'The Register', 'Thurrott', '9to5Mac', 'Yahoo! News', 'AT&T Newsroom', 'C# Corner',
  "Marc D Anderson's Blog", 'E! Online', 'ABC News (AU)', 'Al Jazeera', 'Le Monde', 'Der Spiegel', 'The Hindu',
  'The Hans India', 'Zawya', 'Mena FN', 'CMS Wire', 'SD Times', 'Security Week', 'PortSwigger', 'WeLiveSecurity',
  'Tweakers', 'TechSpot', 'Computing', 'Cyber Wire', 'Dataquest', 'Diginomica', 'Forrester', 'Mozilla', 'decrypt',
  'fintechzoom', 'techzine', 'winbuzzer.com', 'tech', 'finanzen', 'Gov', 'International', 'Tech.co', 'The AREA'
]
for (let i = 0; i < 400; i++) PROVIDER_NAMES.push(`${capitalize(WORDS[(i * 7) % WORDS.length])} ${['News', 'Times', 'Daily', 'Post', 'Wire', 'Review', 'Journal'][i % 7]} ${i}`)

export const PROVIDERS = PROVIDER_NAMES.map((name, index) => ({
  name,
  domain: name === 'tech' ? 'tech.eu' : `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.${['com', 'net', 'org', 'co.uk', 'in'][index % 5]}`,
  // 113 of 685 providers have no 50x50 logo.
  hasLogo: index % 6 !== 5
}))

export const TITLE_FLAVOURS = [
  (t) => t,
  (t) => t.replace(/ (\w+)$/, ' ‘$1’'), // unicode quotes
  (t) => `${t} &#8217;s`,
  (t) => t.replace(' and ', ' &amp; '),
  (t) => `"${t}"`, // becomes \" in YAML
  (t) => t.replace(/ /, '\u00a0'), // NBSP
  (t) => `â€˜${t}â€™`, // mojibake
  (t) => `${t} \u2019` // escaped as \u2019 below, sometimes
]

export function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

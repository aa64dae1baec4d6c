"""More hand-written templates (same format as ``phrases.py``): synonyms, indirect
forms and hard negatives between neighbouring intents."""

from __future__ import annotations

EXTRA: dict[str, str] = {}

EXTRA["list_projects"] = """
what do I have on order
which jobs are mine
list of my projects please
all my projects
see my projects
show me all of my orders
what projects are active
do I have other projects
is there another project on my account
what else do I have with you
which projects can I schedule
show my jobs
which installs are pending
what's pending on my account
display my projects
bring up my orders
get my project list
project list
list of orders
what projects are under my account
I have several orders, show them to me
which project numbers do I have
what are my project numbers
what are my order numbers
tell me what's on my account
what all did we buy from you
give me an overview of my projects
summary of my account please
everything you have on file for me
what jobs have I got with you guys
how many jobs do I have going
which of my orders still need an install
can you remind me which projects are mine
look up all my projects
what projects are there
list projects for my account
I want a list of my jobs
show what I've got
which projects do I have open with you right now
what are the projects on my account
do you have my projects
find my projects
what did I buy from you guys
"""

EXTRA["select_project"] = """
yes the {cat} one
yeah {ord}
yes, {proj}
yep, the {cat}
{ord} looks right
that's the {cat} one I want
I need help with {proj}
I'm reaching out about {proj}
this is regarding {proj}
re: {proj}
ok {proj}
ok the {cat} one
the {cat}, please
{cat} job
{cat} project
the one for my {cat}
let's work on the {cat}
focus on {proj}
use the {cat} project
go to {proj}
open {proj}
I want to look at {proj}
can we do {proj}
we'll go with {proj}
I'll pick {proj}
my question is about {proj}
I'm here about {proj}
about my {cat}
in regards to {proj}
concerning {proj}
{proj} thanks
yes the {cat} one
no, {proj}
the {cat} one, not the other one
{ord}, the {cat}
it's {ord}
the {cat} please
I'm interested in {proj}
{proj} is the project
my {cat} order please
the project for the {cat}
this is about my {cat}
the one that's the {cat}
I meant the {cat} job
i mean the {cat}
oh sorry, {proj}
wait, {proj}
actually {proj}
let's switch to the {cat}
can we look at {proj} instead
I'd like to talk about {proj}
pick the {cat} one
choose the {cat}
select the {cat} project
{ord} on your list
"""

EXTRA["get_available_dates"] = """
when are you available
when's your next availability
what's the earliest you can get here
how soon can you install
when can you do it
when can this be done
when can you fit me in
what's the next open day
do you have openings this week
are there openings next week
any open days in January
what dates can I pick
dates?
list dates
show me open days
which days are free next week
when could someone come out to measure
what's your availability like
when would be the soonest
is there anything sooner
anything earlier?
got anything sooner
how far out are you scheduling
what's the lead time
how long do I have to wait for an install
when is the next time you can come
what days can you come
days available for install?
openings for {proj}?
when are the installers available
what's the first date you have
earliest install date?
possible dates for {proj}
can you give me a few dates
what days are good for you
what days are open for the install
when is the soonest you can do {proj}
what days could the crew come
which dates could I get for my {cat}
can you check what days are open
I'd like to see the open dates
what openings do you have
is anything open this week
when do you have an opening
when are you guys free
when can you get to my {cat}
what days are you booking
what does availability look like for {proj}
any availability next week?
do you have any availability in January
how soon could you get here
"""

EXTRA["get_time_slots"] = """
{date}
{date}?
{date} please
what about {date}?
how about {date}?
what times work {date}
what's open {date} in the morning
which slots {date}
times {date}?
any times {date}
available times {date}
what time slots for {date}
what times do the installers have {date}
give me the times for {date}
list the slots for {date}
what are the options {date}
time options {date}
can I see times for {date}
anything available {date} morning?
is the morning of {date} open
is there an opening {time} {date}
do you have {tnp} {date}?
do you have anything at {tnp} {date}
what time can you be here {date}
what hours are free {date}
open times {date}
what times are left {date}
what do you have left {date}
are there any times {date} after {tnp}
are there any slots in the afternoon {date}
which times can I choose {date}
what times could work {date}
{date} - what times are available?
for {date}, what times do you have
what time slots are open that day
what times are free that day
any openings that day
which times are open on that date
what times can I book {date}
what are the available time slots {date}
slots for {date}?
what times can the tech come {date}
got any times {date}
what's the schedule like {date}
when {date} are you free
what time would the crew come {date}
morning or afternoon {date}? what do you have
"""

EXTRA["schedule_appointment"] = """
{tnp}
{tnp} please
{tnp} works
{tnp} is good
{tnp} on {date}
{date} {tnp}
{dt}
{dt} please
{dt} works
{dt} is fine
ok {dt}
let's say {dt}
I'd like to book an install
can I book the install
book an appointment please
I need to book a time
I'd like to set an appointment
set an appointment
make an appt
can you put me on the schedule
please schedule us
we want to schedule the work
lets book it for {dt}
{dt}?
{dt} is good
{dt} is perfect
{date} works, {tnp}
I'll do {dt}
we can do {dt}
I can do {dt}
I'm available {dt}
I'm free {dt}, book it
how about {dt}
book the crew for {date}
book a tech {date}
schedule the crew
I want someone to come out {date}
I need an installer {date}
I want to set a date for the install
set a date for {proj}
I want the install {date}
install {date} please
let's schedule {proj}
I'd like to get {proj} booked
get me booked for {dt}
book me
book me in
can you book me
schedule it for {dt}
set it up for {dt}
lock me in for {dt}
reserve a spot {dt}
grab the {tnp} slot {date}
put us down for {dt}
I'll take the first available
whatever is first available, book it
first available please
book whatever you have first
can you come out and do the install {date}
we'd like to book the installation
I'm ready to book the install
I'd like to set up my install
please set up an appointment for {proj}
can I get an appointment
I need someone to come install my {cat}
I want to book a time for the crew to come
get the install on the books for {date}
book my {cat} job {dt}
I'd like an appointment {dt}
we would like to get scheduled
what do I need to do to get scheduled? I'd like {date}
"""

EXTRA["reschedule_appointment"] = """
the installer didn't come
the crew never came
we got stood up, nobody came, please send someone {date}
the technician didn't show, can we rebook
change my appointment
change the appointment date
need a new time
I need a new appointment time
can we pick another day
another day please
let's do another day
can I switch days
swap my appointment to {date}
can you move it
move it
please move my appointment
I have to move my appointment
can we change it to {dt}
change it to {date} instead
let's push it to {date}
can we push to {dt}
push to next week
push it out a week
move it up
can it be earlier
earlier appointment please
can you come earlier
I'd like a later appointment
can we do it later in the week
reschedule for later
I need to reschedule the install to next month
can't do that day anymore
that day doesn't work anymore
I won't be around {date}, need to change the appointment
my schedule changed, I need to move the appointment
I'm double booked, can we move it
the installer didn't come, please send someone {date}
nobody showed up
the tech didn't come
no one came today
they never showed up
still waiting, nobody came, I need a new appointment
can I change the day of my install
I'd like to change the appointment to the afternoon
we need to rebook
rebook me for {date}
can you find me a new date
I need to change my install time
can we move the visit
could you move my visit to {dt}
I'd like to move my install up
is there an earlier slot? I'd like to move my appointment
shift my appointment to {date}
can my install be pushed back
I need to rearrange my appointment
new date please, I can't make the current one
"""

EXTRA["cancel_appointment"] = """
please cancel
cancel please
I'd like to cancel
cancel it please
I want to cancel the install
I don't want the appointment anymore
we don't want the install anymore
no need to come out anymore
there's no need for the visit now
the visit is no longer needed
we're not doing the project anymore, cancel the appointment
drop the appointment
get rid of my appointment
void my appointment
terminate the appointment
can you cancel the crew coming {date}
we'll pass on the install, cancel it
cancel, we're going with someone else
kill the appointment
remove me from the schedule
cancel my reservation
cancel the service visit
cancel the job appointment
please call off the installers
we need to call off the appointment
I'm calling off the install
cancel my {cat} appointment please
please cancel {date}
cancel {date}'s appointment
cancel the appointment on {date} at {tnp}
I don't need the crew {date} anymore
we've changed our minds, please cancel
can you take the appointment off the calendar
delete the appointment {date}
I'd like to cancel my appointment, not reschedule
just cancel it
cancel the tech
cancel my install appointment for {proj}
we won't be needing the appointment
"""

EXTRA["project_details"] = """
what's the status on {proj}
status update please
status of {proj}?
where's my order at
are my materials in
did my {cat} materials arrive
is the material ready
who's installing my {cat}
who is coming to do the install
installer name?
what's the tech's name
who is the crew lead on {proj}
which store is my {cat} from
what location did I buy from
what's the job address
address on file?
how long will it take
how many days will the install take
how long will they be here
what was sold on {proj}
sale date?
when did I order the {cat}
purchase date for {proj}
completion date?
is the job done
is it finished
tell me about my order
order details
project info
details please
what's the project id
what is my order #
project number?
what's happening with my order
any progress on {proj}
any updates
update please
what's the latest on {proj}
why is my project on hold
is my project on hold
what's the status of the {cat} job
where does my {cat} project stand
can you tell me the details of my {cat}
what info do you have on {proj}
who's the technician for the {cat}
what address is on {proj}
is the address on file correct
which store did the {cat} come from
how long is the {cat} job
when was the {cat} job sold
"""

EXTRA["appointment_status"] = """
confirm my appointment time please
can you confirm my appointment
has my {cat} install been scheduled yet
has {proj} been booked
is my appointment set
was my install scheduled
when are you guys coming
when's the crew coming
when is my install date
what's my install date
my appointment date?
remind me of my appointment
what day did I book
did I book anything
do I have a booking
is my booking confirmed
do I still have an appointment
is the appointment still on for {date}
still on for {date}?
are we good for {date}
are you still coming {date}
just confirming my appointment {date}
is the installer still scheduled for {date}
is {date} still the day
what time will they arrive
when will they get here
arrival time?
what's the ETA on the crew
when should I be home
what time do I need to be home
is my appointment in the morning or afternoon
did my appointment get moved
was my appointment changed
is my appointment booked
is there an appointment on my account
any upcoming visits
next appointment?
when's the next visit
when's my next appointment
is the measure scheduled
when is my {cat} installation
what time is the {cat} install
do I have an appointment for the {cat}
what time did we say for {date}
is anyone coming {date}
the crew is coming {date} right?
you guys are still coming {date} right
when is my tech visit
when will the installer come for {proj}
"""

EXTRA["business_hours"] = """
hours
opening hours
open hours
what are the hours
when do you open
when do you close
are you open late
open saturdays?
are you open on the weekend
weekend hours?
saturday hours
sunday hours?
do you guys work on sundays
what time do you start in the morning
what time does the crew start
what time do installers start
what are your normal hours
regular hours?
holiday hours?
are you open christmas eve
are you open on new year's day
is the office open {date}
are you open {date}
what time do you open {date}
what time do you close {date}
what hours are you open {date}
do you work {date}
are you guys working {date}
what days and hours do you work
what are your hours during the week
are you open monday through friday
till when are you open
how late do you guys stay open
when does the office open in the morning
are you open on weekends at all
do your crews work weekends
"""

EXTRA["add_note"] = """
I want the crew to know that {note_decl}
I need the installer to know {note_decl}
the crew should know that {note_decl}
the installer needs to know {note_decl}
please write that {note_decl}
make a note for the tech: {note}
put in a note saying {note}
remind the crew about {note_decl}
add a note about the dog: {note_decl}
note to the crew - {note}
please add to my project notes that {note_decl}
can you let the installer know: {note}
pls add note - {note}
add note for installer: {note}
add this to my notes: {note}
could you jot down that {note_decl}
I'd like the crew to know {note_decl}
just so the crew knows, {note_decl}
heads up for the crew, {note_decl}
I want to leave a note: {note}
note to installer: {note}
please pass this to the crew: {note}
message for the crew: {note}
can you let the crew know {note_decl}
can you inform them {note_decl}
tell the technician to {note_imp}
tell the tech {note_decl}
remind them to {note_imp}
put down that {note_decl}
for the crew: {note}
heads up for the installer: {note}
let them know: {note}
add to {proj}: {note}
can you note that {note_decl}
add a note on my account: {note}
can you make a note for the installers that {note_decl}
I'd like to leave instructions for the crew: {note}
instructions for the crew: {note}
make sure they know {note_decl}
please let the tech know to {note_imp}
let the installer know to {note_imp}
can you ask them to {note_imp}
please ask the technician to {note_imp}
tell whoever comes out to {note_imp}
can you add to my notes that {note_decl}
attach a note to {proj}: {note}
add a note for the crew on {proj}: {note}
"""

EXTRA["list_notes"] = """
did someone leave a note on {proj}
has anyone commented on {proj}
did the installer add any notes
did anyone write anything on my project
show me the notes
what notes do you have
what's in my notes
read notes
any notes?
check notes
did you save my note
is my note there
can you confirm you got my note
did the crew get my message
what messages are on my project
any messages from the crew
what has the installer noted
show comments
what comments are there
did anyone add notes
what did the crew say in the notes
what did the installer note about my {cat}
notes for {proj}?
let me see the notes
I want to see the notes
display notes
open the notes
what notes are saved
what does it say in the notes
are there any comments from the tech
read me what the crew wrote
notes on the {cat}?
did my note about the gate get through
what notes did I leave
what notes have I added
"""

EXTRA["confirm"] = """
yes, that's correct
that's good
good
great
sounds right
that's great
ok perfect
yes please go ahead
go ahead please
please go ahead
proceed please
yes proceed
confirmed, thanks
I agree
agreed
affirm
yup yup
si
yessir
for sure, go ahead
that works great
yes that date works
yes that time works
ok book it
sure book it
sure, do it
okay go ahead
that's the one I want
you're right
thats right
100%
definitely yes
yes, absolutely
totally
do that
let's go
lets go with that
perfect, do it
ok sure
yes, go ahead and do it
that's what I want
please go ahead and confirm
yes, please schedule it
ok yes
yes yes
yeah do it
yep go ahead
yeah perfect
sure that's fine
"""

EXTRA["deny"] = """
no, not that
nah not that one
nope, never mind
no, cancel that
no I don't want that
don't do that please
please stop
no stop
not that date
not that time
wrong time
no that's not it
not correct
that's incorrect
no, wrong
no, not now
maybe later
not right now
no, keep my appointment
don't change it
leave it where it is
keep the original
keep my current appointment
no need to change it
I don't think so
nope don't
don't bother
no go
that's a no
nah that's ok
no, don't do that
no I changed my mind
no, never mind
not the right one
that's not the one
no, I said the other one
none of them
no none of those
no, those don't work
no thanks, not now
"""

EXTRA["greeting"] = """
hello team
hello, anyone?
hey, you there?
good morning team
hi, good morning
hey what's up
howdy partner
hello good afternoon
hi :)
hello :)
morning all
hi folks
hello friend
hey how are you doing
how are you
how's your day going
hope you're well
nice to meet you
hi, hope you're doing well
hey, good evening
hello, how are you today
"""

EXTRA["thanks"] = """
thanks so much!
thanks, you've been helpful
thanks for the update
thanks for letting me know
thank you for your time
thanks for your time
great thanks!
ok great thanks
perfect thanks
appreciated
I'm grateful
many thanks!
much thanks
big thanks
thanks again!
thank you, that's helpful
helpful, thanks
that's awesome, thank you
thanks for sorting that out
thanks for taking care of it
thanks for the quick help
"""

EXTRA["goodbye"] = """
bye for now
goodbye and thanks
ok, bye!
talk soon
see you soon
have a good weekend
have a great evening
enjoy your day
I'm all done
all good, thanks bye
that's all I had
that's all I wanted
that will be all
nothing more
nothing else for now
no, that's everything
we're good, bye
I'm done for today
logging off
exit
quit
that's it for today thanks
thats all thanks bye
"""

EXTRA["help"] = """
I don't get it
I don't understand how this works
what am I supposed to do here
what can you help me with?
how do I use you
how can you help
what are you capable of
what do you know
can you explain what you do
I don't understand
I'm stuck
not sure what to do
guide me
how does this chat work
what does this do
what kinds of questions can I ask
what can I ask about
need assistance
assist me
FAQ
getting started
how do I book through this
can you do scheduling?
what can this chat do for me
what things can you handle
what are you here for
can you tell me how to use this
what options are there
help, I don't know what to do
"""

EXTRA["human_agent"] = """
I want to speak to someone
speak to someone please
put me through to a human
talk to an actual person
can I call you
what number can I call
phone number please
how do I reach your office
how can I contact you
contact customer service
I need to talk to a rep
rep please
get a human
I need a real person
a person please
someone please call me
have the office call me
have my coordinator call me
ring me
give me a ring
I'd rather talk on the phone
I want to complain to a manager
escalate
supervisor please
customer support please
I need support from a person
chat with a human
human agent
I need to speak to someone about a problem with my install
can someone from your team contact me
I need a person to help me with this
who can I call about my order
"""

EXTRA["out_of_scope"] = """
what time is it now
what time is it in Denver
what's the time
what day is it today
who is the mayor of New York
who is the CEO of Amazon
what are Home Depot's hours
when does the grocery store close
is the library open {date}
set an alarm for {tnp}
set a reminder {dt}
what are Costco's hours
when does Target open
is the DMV open {date}
set a timer for 10 minutes
wake me up {time}
remind me {time} to pick up the kids
book a hotel room {date}
schedule a zoom call {dt}
what time does the game start
what time is sunset
what time is it in London
how many hours until {date}
change my password
update my email
where's my refund
I was overcharged
how much do I owe
can I get a discount
do you price match
send me a brochure
do you have a catalog
what colors does the vinyl come in
can I see samples
how do I become an installer
can I work for you
how much do installers make
tell me about your company
what's your company's history
who founded this company
what's the weather this weekend
is it going to be hot {date}
what's the forecast {date}
find me a plumber {date}
can you order more tiles for me
I want to buy more flooring
I'd like to order new windows
how do I pay my invoice online
my check bounced
can I pay in installments
what's the interest rate on financing
do you do free estimates
can someone come give me an estimate for a new bathroom
I need a quote
how long is the warranty
my new floor has a scratch, is that covered
the faucet in my kitchen is dripping
what's the capital of Germany
how do I change a tire
what's the best way to get red wine out of carpet
recommend a good contractor for my basement
what's the square footage of my house
my neighbor's tree fell on my fence, who pays
how do I file an insurance claim
is the stock market up today
who won the election
what's the news today
can you text my wife
send an email to my boss
open spotify
call mom
what's 2+2
spell necessary
define procrastination
what's the opposite of happy
give me a random number
flip a coin
roll a dice
tell me a riddle
what's your favorite food
do you dream
are you alive
what rhymes with orange
how do I get more followers
what's a good gift for my wife
plan a birthday party for me
find me a babysitter {date}
is it safe to eat raw cookie dough
how many calories in a banana
"""

LONG_EXTRA: dict[str, str] = {
    "get_time_slots": """
My husband works nights so mornings are tough for us. What times do you have {date}?
We've got a lot going on this week, but {date} might work. Which slots are open?
""",
    "reschedule_appointment": """
Hey, so my mother-in-law is visiting that week and it's going to be chaos. Any chance we can move my {cat} appointment to {date}?
I just got called in for jury duty, ugh. I need to switch my appointment to another day, {date} would be ideal.
""",
    "appointment_status": """
I'm trying to arrange for the dog walker and need to know: what time is the crew coming {date}?
Got a voicemail about my {cat} but couldn't make it out. Do I have an appointment set up?
""",
    "add_note": """
One thing for the crew, we just had the driveway sealed. Please tell the installers to {note_imp}.
The last crew had trouble finding us. Can you add a note to {proj} that {note_decl}?
""",
    "cancel_appointment": """
We had a family emergency and need to put everything on hold indefinitely. Please cancel the upcoming appointment.
Turns out our HOA won't approve the {cat} yet, so we need to cancel the install {date}.
""",
    "human_agent": """
I've had three different dates given to me and none of them worked out. I'm done with the chat, I want to talk to a manager.
""",
    "out_of_scope": """
Random question but my teenager wants to know, how many bones are in the human body?
We're repainting the nursery ourselves this weekend. Is eggshell or satin finish better for walls?
""",
}

# --------------------------------------------------------------------------- batch 3

MORE: dict[str, str] = {}

MORE["reschedule_appointment"] = """
the installer was a no-show today, can we try again {date}
the crew didn't show up, can someone come {date} instead
we waited all day and nobody came, can we try {dt}
no one showed for my appointment, I need to set up a new one
can we try again another day
let's try a different day for the install
"""

MORE["goodbye"] = """
that covers it
that's all, thanks for your help
we're done
done here
that'll do
that'll do it, thanks
ok I'm all set, bye
all good here, bye
nothing further
no further questions
I think we're done
ok that's it
that's it
that's all
nope that's all for now
no, that's all thanks
great, that's all I needed
thanks, I'm all set
I'm good, thanks, bye
goodnight
night night
bye for now, thanks
ok see you then
see you on the install day
till next time
I'll talk to you later
talk to you soon
have a good rest of your day
enjoy the rest of your day
I'm signing off now
gotta run, bye
that's everything for today
cheers, bye
bye, thanks again
"""

MORE["confirm"] = """
I agree, go ahead
good to go
make it happen
that's the one
yes, that's the one
correct, that's it
yes to all
yes it is
it is
that's it, yes
yep, book it
yes, lock it in
sure, lock it in
please go ahead and book it
go ahead and confirm
confirm please
yes, confirm it
yes correct
ok confirm
ok, go ahead
alright go ahead
fine, go ahead
that's fine, book it
sounds like a plan
let's do that then
perfect, let's do it
great, let's go with that
ok that's perfect
yes, thank you, go ahead
yeah that's right
yep that's right
uh yes
yes that's fine
yes, please do
ok please do
go right ahead
"""

MORE["deny"] = """
no, I don't want that
no, hold off
no, please don't book that
actually no, leave it
no, let's not
no, that's not what I meant
no, not that project
not that one, no
no, wrong one
no don't cancel it
don't cancel, I changed my mind
please don't change my appointment
don't move it, keep it
no keep the appointment as it is
no, I'll keep the original time
not interested
no I'm not interested
nope, not what I want
no that won't work for me
that doesn't work
no, neither works
neither of those times work
"""

MORE["greeting"] = """
hello there!
hi, anybody there?
hey, good morning!
hi hello
hey hi
hello, is this the right place?
hi there, hope you're having a good day
good morning to you
good afternoon to you
evening
hey, how's it going?
"""

MORE["thanks"] = """
thanks for everything
thank you for all your help
thanks, that's great
thanks, perfect
cool, thank you
ok, thanks a lot
thanks, I appreciate it
thank you, I appreciate it
really appreciate it
really appreciate your help
thank you so so much
you're awesome, thanks
thanks, you rock
wonderful thank you
"""

MORE["help"] = """
what can you help me do
what kind of help can I get here
how does this assistant work
can you tell me what I can do here
what do you do exactly
help me out
I need some help
how do I use this service
what are the commands
give me the options
show me the menu
I'm new here, what can you do
is this a bot or a person
"""

MORE["out_of_scope"] = """
what time is it right now
who is the best football player
who is your creator
who made you
what's the temperature outside
how hot is it today
is it going to rain
what's the date tomorrow
how many weeks are in a year
what's the population of the world
can you tell me a story
tell me something funny
I need a recipe for dinner
how do I bake bread
what's a good movie to watch tonight
what's the best TV show right now
can you recommend a book
what music do you like
play my favorite song
who sings this song
what's the score
who won the super bowl
when is the next election
what's the price of gas
how much is a gallon of milk
how do I get a passport
how do I renew my driver's license
where is the nearest gas station
where is the closest hospital
find a restaurant near me
order food for me
send flowers to my mom
help me plan a vacation
what's the best beach in Florida
how far is Chicago from New York
how do I get to the mall
what is the speed of sound
how many planets are there
what is photosynthesis
explain the theory of relativity
solve this equation for x
what's 12 squared
what's 100 divided by 7
how do I code in javascript
fix my computer
my internet is down
my phone is broken
can you reset my router
what's my credit score
how do I invest in stocks
is it a good time to buy bitcoin
how do I save money
what insurance should I get
how do I lower my electric bill
my toilet keeps running
my garbage disposal is stuck
how do I fix a leaky faucet
how do I patch a hole in drywall
what tools do I need to install a door myself
how do I paint a room
what's the best vacuum
how often should I change my air filter
do you sell appliances
do you install dishwashers
can you fix my washing machine
I need a handyman
do you do roof inspections for free
how much is a kitchen remodel
what does a bathroom remodel cost
can I finance a new roof
what's the warranty on labor
I want to return my tiles
my product arrived damaged, I want a refund
where is my delivery
track my package
when will my tiles ship
are you guys licensed and insured
do you have reviews
can I get a referral discount
do you have any coupons
what's your phone number for sales
I want to buy a gift card
who's the owner
are you a franchise
do you do commercial jobs
can I schedule a pickup for my old carpet at the dump
cancel my credit card
cancel my order from Amazon
book a restaurant for Friday night
schedule my car service for next week
move my dentist appointment to Monday
what time does the movie start
what time do the Lakers play
what time is it in Tokyo
what time does the sun rise
when is daylight saving time
is today a holiday
what day is Christmas on this year
how many days until the weekend
"""

MORE["project_details"] = """
what's the status of my job
how's my project coming along
how is my {cat} coming along
is there any news on {proj}
what stage is {proj} at
what's the next step for my {cat}
what happens next with my {cat}
who's my project manager
who is handling my order
what's the install address
what address is the install at
when is {proj} supposed to be done
is the {cat} order complete
has {proj} been installed
has the {cat} been installed yet
what was the sale date on my order
what type of job is this
is this an install or a repair
give me an update on {proj}
can I get an update on my {cat}
"""

MORE["select_project"] = """
the {cat} project is the one
I want to deal with the {cat}
the {cat} one is what I need
I'm asking about my {cat}
let's talk about the {cat}
can we do the {cat} one
the {cat} order please
{cat} one
it's for the {cat}
"""

MORE["business_hours"] = """
what are your working hours
what hours does the crew work
what are your days of operation
are you open every day
which days are you open
when are your crews working
do you work saturdays
do you work on saturday
open sat?
are you open this saturday
what time do you open on saturdays
"""

LONG_MORE: dict[str, str] = {
    "list_projects": """
Hi there, I think I have a couple of jobs open with you guys, maybe the {cat} and something else? Can you list what's on my account?
Before I do anything else I want to see everything that's on my account with you, all the projects please.
I'm a little confused because I got two emails with different order numbers. Which projects do I actually have?
""",
    "select_project": """
Sorry, I should have been clearer, I'm asking about the {cat}, not the other one.
Out of everything on my account, the one I care about right now is {proj}.
Ok so the one I want to talk about is {ord}.
""",
    "get_available_dates": """
We're finally ready for the {cat} install and I'd like to get it done before the end of the year. What dates do you have open?
My schedule is pretty flexible over the next few weeks, so just let me know which days the crew can come out.
We just finished painting so the room is ready. When is the earliest the installers could come?
Hi, I'm trying to plan around work travel. Which days are open in the next couple of weeks for {proj}?
""",
    "get_time_slots": """
I can work from home {date} so that day is best for me. What times do you have available?
Hi, {date} looks good on my end, but I need to know what time slots are open before I commit.
I've got a doctor's appointment in the morning {date}, so what afternoon slots do you have?
""",
    "schedule_appointment": """
Ok I talked it over with my husband and we'd like to go ahead and book the installation {dt}.
Great news, the cabinets were delivered yesterday. Please schedule the install {dt} if you can.
I'm home all day {date}, so go ahead and book the crew for {time}.
Hello, I got a text saying my {cat} order is ready to schedule. I'd like {dt} please.
""",
    "reschedule_appointment": """
Hi, my appointment is coming up but my work schedule just changed and I won't be able to be there. Can we move it to {date}?
Our contractor is running behind on the drywall, so the room won't be ready in time. I need to push the {cat} install back.
The tech was supposed to be here this morning and never showed up or called. I'd like to get a new appointment {dt}.
Unfortunately we have a funeral out of state that week. Could you move my appointment to the following week?
""",
    "cancel_appointment": """
Hi, we just found out we're being transferred for work and we're selling the house, so please cancel the {cat} appointment.
My wife and I talked and we're going to put the project on hold for now. Please cancel the install, we'll reach out later.
Another company was able to do it sooner so we went with them. Please cancel my appointment and don't send anyone.
""",
    "project_details": """
I paid my deposit a month ago and haven't heard much since. What's the status of my {cat} project?
My insurance company is asking for details. Can you tell me the installation address and the technician on {proj}?
Quick question before the install, how long is the {cat} job expected to take? I need to plan my day.
Could you remind me which store I bought the {cat} from? I need to call them about the trim.
""",
    "appointment_status": """
I'm going to be traveling this week and want to make sure I'm home when the crew comes. When exactly is my appointment?
Just want to double check, is the {cat} install still happening {date}? I haven't gotten a reminder.
Did the appointment I booked yesterday actually go through? I never got a confirmation email.
""",
    "business_hours": """
I work nine to five during the week, so I'm trying to figure out if you guys do weekends. What are your hours on Saturday?
Can you tell me your business hours? I want to call the office but I don't know when someone will be there.
""",
    "add_note": """
Just so you know, the crew will need to park on the street because our driveway is being repaved. Can you add that as a note?
We have a very nervous dog. Please tell the installers to {note_imp}.
My elderly mother will be home alone during the install. Please let the crew know {note_decl}.
""",
    "list_notes": """
I called last week and asked the lady to put a note on my file about the gate code. Can you check the notes and see if it's there?
Can you read me back whatever notes are on the {cat} project? I want to make sure the instructions are right.
""",
    "human_agent": """
This is getting really frustrating, I've explained my situation twice already. Please just have a real person call me.
I have a question about my warranty and the install that is kind of complicated. Can I talk to somebody at the office?
""",
    "help": """
Hi, my daughter set this up for me and I'm not very good with computers. What can I do with this chat?
I'm not sure how this works. Can you tell me what kinds of things you can help me with?
""",
    "out_of_scope": """
Off topic, but do you know if it's better to use a dehumidifier or an air purifier in a basement?
Totally unrelated but my son needs help with his math homework, what's the derivative of x squared?
I'm planning a surprise party for my wife, can you suggest some good themes?
""",
    "thanks": """
You've been super helpful today, I really appreciate you taking care of that for me. Thank you!
""",
    "goodbye": """
Ok, I think that's everything I needed for now. Have a good rest of your day, bye!
""",
}

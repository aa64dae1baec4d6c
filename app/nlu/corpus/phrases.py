"""Hand-written utterance templates, one per line, per intent.

Placeholders: {date} a date expression, {time} a time expression, {dt} a date and a
time, {proj} a project noun phrase ("my deck repair", "project 90003", "order
ORD-1001-B"), {cat} a bare category word ("flooring"), {ord} an ordinal ("the second
one"), {note} / {note_imp} / {note_decl} note contents (any / imperative /
declarative). Lines starting with '#' are comments.
"""

from __future__ import annotations

PHRASES: dict[str, str] = {}

PHRASES["list_projects"] = """
what projects do I have
show my orders
show me my projects
list my projects
list all my jobs please
what jobs do you have for me
what's on my account
can you pull up my projects
can you pull up my account and tell me what projects I have
what do I have going on with you guys
which projects are open right now
what orders are on my account
do I have any projects with you
how many projects do I have with you
how many orders do I have open
I have a few things going on with you, can you show me all of them
I forgot what I ordered, can you list my projects
I'd like to see all my installs
what's everything I have pending with you
view my projects
my projects
projects
my orders?
can I see all my open orders
what's the list of jobs under my name
pull up everything under my account please
remind me what projects I have with you
I think I have more than one order, which ones are there
show me everything I have
what have I purchased that still needs to be installed
which of my projects are ready to schedule
list my open jobs
what projects are on file for me
what work orders do I have
show all projects
can you tell me which projects I have
I'm not sure which project it is, can you show me what I have
what are my current projects
give me a list of my orders
do you see any projects on my account
what do you have under my name
what's open on my account
i need to see my projects
show me the list
what are all my jobs
what orders do I have pending installation
how many jobs are on my account
can you show me what I bought from you
what's the status of all my projects
list everything on my account
what installs do I have coming up with you
which jobs do I still have open
show me my active projects
any open projects for me
what do I have with you
what did I order
can you list out all of my projects for me
so what projects are there on my account
which orders are mine
can I get a rundown of my projects
tell me all the projects I have
I want to see my projects before I pick one
which projects haven't been scheduled yet
list projects
show projects please
my jobs
what jobs are pending
look up my projects
check my account for projects
could you show me all the work you're doing for me
what all do I have with you guys right now
"""

PHRASES["select_project"] = """
the {cat} one
{ord}
let's do {proj}
I mean {proj}
I mean my {cat}
{proj}
{proj} please
the {cat}
{cat}
{cat} please
I want to work on {proj}
let's go with {proj}
it's about {proj}
this is about {proj}
I'm asking about {proj}
for {proj}
regarding {proj}
I'm talking about {proj}
no, I meant {proj}
actually the {cat} one
pick {proj}
choose {proj}
select {proj}
switch to {proj}
go with {ord}
that one, the {cat}
the {cat} project please
it's the {cat} job
use {proj}
let's look at {proj}
can we talk about {proj} instead
the other one, the {cat}
I'll go with {ord}
{ord} please
{ord} is the one
{ord} on the list
let's do {ord}
the one for the {cat}
the one with the {cat}
the {cat} one please
my {cat} one
it's for {proj}
this is for {proj}
question about {proj}
about {proj}
the one I want is {proj}
the {cat} order
work on {proj}
I meant the {cat}
sorry, the {cat} one
oh the {cat} one
the {cat} repair
number {pnum}
project {pnum}
job {pnum}
order {ordno}
{ordno}
{pnum}
lets do the {cat}
the one about my {cat}
we're talking about the {cat}
I'd like to deal with {proj} first
start with {proj}
first let's handle {proj}
can we focus on {proj}
go with the {cat}
i want the {cat} one
it's the {cat} one
yeah the {cat} one
the {cat} project
not that one, the {cat} one
hmm {ord} I think
I'd pick {ord}
I choose {proj}
I'll take {ord}
{proj} is the one I need
{proj} is what I'm asking about
it's project {pnum}
project number {pnum}
I want {proj}
the {cat} install
"""

PHRASES["get_available_dates"] = """
when can you come out
what dates are open next week
what days are available
when is the earliest you can install
what's your next available date
do you have anything open next week
any availability this month
when can I get on the schedule
how soon can someone come out
what days do you have open for {proj}
show me available dates
can you check availability for {proj}
what's the soonest date you have
earliest availability?
are there any openings in December
when are you free next week
what days work for you guys
give me some dates
when could the crew come out
which days can I book
I need to know what days are open before I book
list the available days
what does your calendar look like
when's the next opening for {proj}
what availability do you have
do you have availability this week
what dates can you do for {proj}
when can you install {proj}
when can the installers come
when's the soonest you can get out here
any open dates for {proj}
what days are still open
how far out are you booking
how soon can I get {proj} scheduled
what's the first available day
when can someone come measure
do you have any openings before the end of the month
are you booking into January yet
what dates do you have available for the install
when is your next opening
what's open in the next couple weeks
do you have anything this week at all
which dates are free
when would you be able to come out
can you tell me when you can come
what are my options for dates
I'm flexible, what days do you have
what days can you come install my {cat}
is there any availability for {proj} in the next two weeks
got any dates open
what's the availability looking like
how booked up are you
when is the crew available
when do you have time to do {proj}
what days can I choose from
can I see the calendar
what dates could work
available dates please
dates available?
any days open soon
when could we get this done
what's the earliest date for {proj}
earliest date you have?
how long until you can come out
how long is the wait to get scheduled
when is the next available appointment
what's the next available appointment for {proj}
next available appointment?
can you come out sometime next week? what days are open
I'd like to know which days are available for {proj}
what days next week could you do
do you have openings after the holidays
is there anything open the week after next
which days are you booking for my {cat}
I need the earliest possible date
can you find me a date
when can we schedule
find me some available days
what days have openings
"""

PHRASES["get_time_slots"] = """
what times do you have {date}
any openings {time} {date}
what time slots are free {date}
what's available {date}
what times are free {date}
what hours do you have open {date}
is there anything in the morning {date}
do you have any afternoon slots {date}
what are the time options for {date}
{date}, what times?
how about {date}, what times work
can I see the slots for {date}
what times can the crew come {date}
what times can you do {date}
is {date} open
anything {date}?
what do you have {date}
do you have something {date} in the afternoon
what's the earliest time {date}
what's the latest appointment {date}
times available {date}?
are there morning slots {date}
when {date} can you come
does {date} have any openings
show me times for {date}
what slots are left {date}
what times are open {date}
list the times {date}
what time slots do you have for {proj} {date}
which time slots are open {date}
what openings do you have {date}
any slots {date}
what times work {date}
is there a morning appointment {date}
can you do a morning {date}? what times
which times {date}
what time can you come {date}
what time could the installer come {date}
I'm free {date}, what times do you have
is there availability {date}
what does {date} look like
how does {date} look
what's open {date}
got anything {date}
what times do you have available {date} for {proj}
what time slots are available
what time slots do you have
which times are available
what times do you have open
what are the available times
can you show me the time slots
times?
what time windows do you have {date}
what arrival windows are there {date}
any openings in the afternoon {date}
anything open {time} {date}
do you have a slot {time} {date}
is {tnp} available {date}
is {tnp} open {date}
do you have anything around {time} {date}
what times are there on that day
what times on that day
ok what times that day
what time slots that day
times for {date} please
and {date}? what times are open
how about {date}
what about {date}
what about {date} then
is anything free {date}
what hours are open {date}
show me the open slots {date}
what time options do I have {date}
what's left {date}
any morning openings {date}
any afternoon availability {date}
can I get the times for {date}
what times can I pick {date}
what times are available for the install {date}
how early can you come {date}
how late can you come {date}
"""

PHRASES["schedule_appointment"] = """
book my install for {dt}
book my install for {date}
I'd like to schedule my {cat}
I'd like to schedule {proj}
schedule {proj} for {date}
schedule {proj} for {dt}
can you come out {dt}?
set up an appointment for {date}
set up an appointment for {dt}
book {dt}
book {date}
I want {dt}
let's do {dt}
put me down for {date}
put me down for {dt}
I'll take {dt}
book it for {dt}
can I get {dt}
schedule the install
I need to schedule an installation
I want to book an appointment
I want to book an appointment for {proj}
make an appointment for {proj}
get me on the calendar for {date}
can you fit me in {date}
can you fit me in {dt}
sign me up for {dt}
reserve {dt}
I'd like the slot {dt}
lock in {dt}
I'm ready to schedule my {cat}
we're ready for the install, book it for {date}
go ahead and schedule {proj} for {dt}
can someone come out {date}
can someone come out {dt}
I need someone out here {date}
please schedule the measure for {proj}
book the first available appointment
book the earliest available slot for {proj}
schedule me for {dt}
schedule me {date}
I'd like to book {proj} for {dt}
I want to schedule the installation of my {cat}
can you schedule my {cat} install for {date}
book an appointment {dt}
make an appointment {dt}
I need an appointment for {proj}
I need an appointment {date}
I need to set up a time for the installers to come
I want to get {proj} on the calendar
please book {proj}
book {proj} {dt}
book the {cat} install for {dt}
can you come {dt} to install the {cat}
we'd like the crew to come {date}
have the installer come out {dt}
send the crew {dt}
send someone {date}
I'd like a {tnp} appointment {date}
can I book {time} {date}
I'll take the {tnp} slot {date}
{dt} works for me, book it
{dt} please
{dt} would be great
let's go with {dt}
{date} at {time} if you have it
can we do {dt}
could you do {dt}?
can you do {dt} for my {cat}
I want to schedule a visit
schedule a visit for {date}
set up the installation
set up an install date for {proj}
I want to get my {cat} installed {date}
please put {proj} on the schedule for {dt}
book me in for {dt}
book me for the first available date
pencil me in for {dt}
I'd like to make an appointment
I would like to schedule an appointment
how do I book an appointment
can I schedule an appointment
can I make an appointment for my {cat}
I'd like to get the measurement scheduled
schedule the final inspection for {date}
can you have someone come out {dt} to look at {proj}
I need a tech to come out {date}
can you book a technician for {dt}
I need the installers to come out for {proj}
let's schedule it
let's get it scheduled
we're ready to move forward with scheduling {proj}
ready to book
I want to schedule
schedule appointment
new appointment {dt}
make a new appointment for {proj}
I never got an appointment for {proj}, can I book one for {date}
nobody has set up my install yet, please book {dt}
my materials came in so I'd like to schedule the installation
can the crew come out {dt}
can your team come {date}
can you guys come out {dt}
get someone out here {dt}
I'd like the install done {date}
put the {cat} job on {date}
book {date} for the {cat}
go ahead and book {dt}
I want the {tnp} one {date}
the {tnp} slot {date} please
{tnp} on that day please
that day {time} works
"""

PHRASES["reschedule_appointment"] = """
can we push my appointment to next week
I need a different day
reschedule my {cat} appointment
reschedule {proj}
move my appointment to {date}
move my appointment to {dt}
can I change my appointment time
I can't make it {date}, can we move it
something came up, I need to reschedule
change my install date to {date}
push it back a week
bump my appointment to {dt}
can we do {date} instead
I need to move the install
the date doesn't work anymore
can we switch to {tnp} instead
can we move it later in the day
the guy never showed up, can someone come {date}
the crew never showed, I need a new date
the installer didn't show up today, can we get a new appointment
nobody came {date}, I need to rebook
I'm going to be out of town {date}, can we move it
can I reschedule
need to reschedule
resched pls
need to change my appointment
can you move me to an earlier date
is it possible to move my appointment up
postpone my appointment
delay the install by a week
we need to push the start date
can we do it a day later
I'd like to pick a new time
change the time to {tnp}
change it to {dt}
instead of {date} can we do {date2}
move it from {date} to {date2}
I need to move {proj} to {dt}
please reschedule my appointment for {dt}
reschedule for {dt}
reschedule to {date}
can we reschedule the {cat} install
we have a conflict {date}, can we find another day
my appointment {date} doesn't work, what else is there
I have to work that day, can we change it
can we push the install to {date}
can you bump it to {time}
move it to {time}
can we make it {tnp} instead
switch my appointment to {dt}
I'd like a different time
can I get a different time slot
I need a new date for my {cat} install
the date you gave me doesn't work
we won't be home that day, please move it
I need to change the date of my appointment
I need to change my appointment to {date}
can you reschedule me
please change my appointment
can my appointment be moved
can the install be moved to {date}
I want to move my appointment
I'd like to reschedule please
something came up at work, can we do another day
my kid is sick, can we push it
we're having a family emergency, need to reschedule the crew
the weather looks bad {date}, can we move it
it's supposed to rain {date}, can we push the deck job
can we move it up to {date}
could we do it sooner, like {date}
any way to move my install earlier
rebook my appointment for {dt}
I missed my appointment, can I get a new one
I missed the appointment yesterday, need to rebook
the tech was a no show, please reschedule
no one showed up for my {cat} install, can you send someone {date}
can we move the {cat} appointment to {dt}
change my {cat} appointment to {date}
I'd like to change the time of my appointment to {time}
I'd rather do {tnp}, can you change it
actually can we make it {date2} instead of {date}
let's move it to {date} instead
move my {tnp} appointment to {date}
I can't do {date} anymore
{date} won't work for us anymore, can we reschedule
I need to push back my appointment
push my appointment back a couple days
can we postpone until next week
I need to reschedule the measurement
reschedule my visit
different date please
different time please
"""

PHRASES["cancel_appointment"] = """
cancel my appointment
we don't need the tech to come anymore
please cancel the appointment for {proj}
cancel the install {date}
cancel the appointment {dt}
I want to cancel
call off the visit
we no longer need the service
don't send anyone
please don't send anyone {date}
remove my appointment
I have to cancel, sorry
cancel it
cancel my appointment please
I'd like to cancel the {cat} install
we went with another company, please cancel
scrap the appointment
I changed my mind, cancel the visit
delete my appointment
we no longer need the measure appointment
we sold the house, cancel everything
take me off the schedule
I need to cancel my installation
cancel the {cat} appointment
please cancel {proj}
cancel {proj} appointment
can you cancel my {cat} install
can I cancel my appointment
how do I cancel my appointment
I want to cancel the appointment on {date}
cancel my {tnp} appointment
cancel my booking
cancel the booking for {date}
cancel my visit
cancel the visit {date}
we've decided not to go ahead, cancel the install
I don't need the appointment anymore
I won't need the installer after all
please cancel, we found someone else
cancel my upcoming appointment
I'd like to cancel my upcoming visit
no longer need the appointment {date}
don't come {date}
don't come out {date}, we're cancelling
stop the appointment
call off the install
the job is off, cancel it
cancel the crew
cancel the tech visit
I'm cancelling the appointment
we are cancelling
please cancel the measure
cancel appointment
cancel appt
cancel the whole thing
I want to cancel my appointment and not reschedule
cancel it, I'll call back later to set a new date
can you just cancel it for now
just cancel the appointment, we'll figure out timing later
we need to cancel the install, the house isn't ready
cancel {proj}'s appointment
I'd like my appointment cancelled
please remove the appointment for {proj}
we'd like to cancel the {cat} job appointment
please cancel the {cat} visit scheduled {date}
cancel the appointment you set up for me
cancel everything for {proj}
unschedule my appointment
unbook the visit
nix the install {date}
don't need anyone to come anymore
"""

PHRASES["project_details"] = """
who is my installer
what's the address on the kitchen job
what's the status of {proj}
tell me about {proj}
details on {proj}
what store did I buy from
what's my order number
which technician is assigned to {proj}
when was {proj} sold
what type of project is {proj}
what's the installation address for {proj}
how long will the install take
what's the service time for {proj}
is {proj} complete
has the {cat} been completed
what's going on with my {cat}
any update on {proj}
what stage is my order in
is my order ready to schedule
where are we with {proj}
info on {proj}
what's the project number for my {cat}
which store is handling my order
who's the tech on my {cat} job
what's the name of my installer
how long does the {cat} install take
when did I buy the {cat}
when was it completed
what date was my project sold
what address do you have for the job
is the address right on {proj}
give me the details of {proj}
what do you have on file for {proj}
what's the status of my order
status of my project
project status please
what's the current status of my {cat}
can you give me an update on my {cat}
where is my {cat} project at
tell me more about {proj}
show me the details for {proj}
what are the details of my {cat} job
who is doing the work on {proj}
who's assigned to my project
who will be installing my {cat}
what's the technician's name
which installer is coming
what is the installation address on file
what address is the {cat} going to
is the install address correct
what store is my order from
where did I order the {cat}
what store sold me {proj}
when was my order placed
what date did I purchase this
when was the sale date for {proj}
when was {proj} finished
was my {cat} job completed
is my {cat} project finished
did you guys finish my {cat}
is the {cat} done
how long is the install supposed to take
how many hours will the job take
how much time should I expect the crew to be here
what's the service time
what kind of project is {proj}
is {proj} an installation or a repair
what's the order number for my {cat}
what's the project id for the {cat}
what's my project number
what category is {proj}
tell me everything about my {cat} project
can you look up {proj} for me
look up the details of {proj}
what's happening with {proj}
why is my project still pending
why hasn't my {cat} been scheduled yet
is my {cat} ready to be scheduled
has my order been processed
what's the scheduled date on {proj}
when is {proj} scheduled to be completed
project details
project info for my {cat}
what info do you have on my {cat}
what's the technician assigned to {proj}
who's my contact for {proj}
does {proj} have a technician assigned
is there a tech assigned yet
what's the status
status?
update on my order?
any news on my {cat}?
"""

PHRASES["appointment_status"] = """
when is my appointment
is my install still on for {date}
is my install still on
when is my {cat} appointment
what time is the crew coming {date}
do I have anything scheduled
when's my {cat} install
is my appointment confirmed
what day are they coming
is the tech still coming {date}
did my appointment get booked
what's my appointment time
when are you coming to install my {cat}
remind me when my appointment is
is my appointment still {dt}
are we still on for {date}
are we still on for {dt}
has my appointment been scheduled
do I have an appointment for {proj}
when will the installers arrive
what time should I expect the crew
is someone coming {date}
did you guys cancel my appointment
is my visit confirmed
what's the date of my install
when's the install
when is the install for {proj}
what time is my appointment {date}
do I have an appointment {date}
is there an appointment set for {proj}
am I booked for {date}
am I on the schedule
am I scheduled
is {proj} scheduled
is anything scheduled for my {cat}
when is the crew coming
when is the technician coming
when are they coming out
what time are they coming
when do the installers come
what date is my appointment
what day is my appointment
what time is my appointment
appointment time?
when's my appt
when is the appointment for my {cat}
has the {cat} install been scheduled
have you scheduled my {cat} yet
is my appointment still on
is the appointment still happening
is my {tnp} appointment still on
confirm my appointment time please
can you confirm when my appointment is
can you check when my appointment is
check my appointment
check on my appointment for {proj}
what's the status of my appointment
status of my appointment
appointment status
do I have an upcoming appointment
what appointments do I have
any appointments coming up
is my appointment {date}
what time will the installer be here {date}
when should I expect the installer
is the crew still coming {dt}
I just want to make sure my appointment is still set
did the appointment go through
did my booking go through
was my appointment booked
did my reschedule go through
is the new appointment confirmed
did my appointment get cancelled
is my appointment cancelled
are they still coming
is someone still coming out
when is the measurement appointment
when is the final inspection
what time window is my appointment
what's the arrival window for my appointment
I forgot when my appointment is
when did you schedule me for
what did you schedule me for
what date did you book for me
which day did we settle on
are the installers coming {date}
is my {cat} install {date}
is it still {date}
"""

PHRASES["business_hours"] = """
what are your hours
are you open saturday
what time do you open
what time do you close
when are you open
are you open on weekends
do you work sundays
what days do you work
what times are you open
business hours?
hours of operation
are you open today
are you open tomorrow
are you guys open {date}
what time does the office close
how late are you open
how early do the crews start
what are the crew's working hours
do installers work on saturdays
what days are you closed
are you open on holidays
are you open on thanksgiving
until what time can the crew work
when does your day start
what time do your techs start in the morning
is the office open right now
are you open 24/7
what are your business hours
what hours do you work
what are your hours on saturday
are you open on saturdays
do you guys work weekends
what time do you guys close today
what time do you start
what time do you stop working
what are the working hours
what are your office hours
when is the office open
what days are you open
open on sunday?
hours?
your hours please
are you open now
are you closed on sunday
are you closed on Christmas
do you work on memorial day
do you take appointments on weekends
do you do installs on saturday
do you do evening appointments
do you work late
how late do the installers work
what is the latest the crew will work
when do you close on fridays
what are the hours for saturday
what time do you open on monday
is anyone there on weekends
what hours are your techs available in general
what time does your day end
are you open early
what hours can the crew come in general
when can I reach your office
what hours is customer service open
hours this week?
are you open the day after thanksgiving
what's your schedule during the week
what days of the week do you work
are you open 7 days a week
do you operate on weekends
what time does the shop open
when do you open tomorrow
"""

PHRASES["add_note"] = """
add a note: {note}
add a note that {note_decl}
tell the crew to {note_imp}
add a note to {proj}: {note}
add a note to {proj} that {note_decl}
can you add a note saying {note}
please add a note saying {note}
add a note for the installer: {note}
leave a note for the crew: {note}
leave a note for the installer saying {note}
please note that {note_decl}
note for the crew: {note}
note: {note}
tell the installer to {note_imp}
tell the installer that {note_decl}
let the tech know {note_decl}
let the crew know that {note_decl}
let the installers know to {note_imp}
ask the installer to {note_imp}
ask the crew to {note_imp}
can you tell the crew to {note_imp}
could you let the installer know {note_decl}
please tell the technician {note_decl}
make a note that {note_decl}
put a note on {proj}: {note}
put a note in that {note_decl}
add to the notes: {note}
add to the notes that {note_decl}
put in the notes that {note_decl}
write a note that {note_decl}
I want to add a note: {note}
I'd like to add a note to {proj}: {note}
can you leave a note for the crew? {note}
please let the installer know {note_decl}
please remind the crew to {note_imp}
remind the installer to {note_imp}
FYI for the crew: {note}
add a comment: {note}
add a comment to {proj} saying {note}
can you put a note on my account that {note_decl}
include a note that {note_decl}
add note {note}
new note: {note}
add this note to {proj}: {note}
I need to add a note
I'd like to add a note to {proj}
can I leave a note for the installer?
can I add a note to my project
I want to leave a message for the crew
how do I add a note for the crew
add a note to my {cat} project
add a note please
I have a note for the installer
I want to add some instructions for the crew
can you pass along a message to the crew
pass along to the crew that {note_decl}
can you pass it on to the installer that {note_decl}
make sure the crew knows {note_decl}
make sure the installer knows to {note_imp}
let them know {note_decl}
tell them to {note_imp}
tell the guys to {note_imp}
tell whoever is coming to {note_imp}
inform the crew that {note_decl}
please inform the installer {note_decl}
note on {proj}: {note}
for the installer - {note}
add a note on the {cat} job: {note}
leave a note on {proj} that {note_decl}
could you add a note that {note_decl}
would you add a note saying {note}
just add a note: {note}
quick note for the crew: {note}
add "{note}" to the notes
add "{note}" as a note
save a note: {note}
please make a note of this: {note}
can you write down that {note_decl}
note that {note_decl}
please note {note_decl}
update the notes: {note}
"""

PHRASES["list_notes"] = """
what notes are on my project
did my note go through
show me the notes on {proj}
any notes from the installer?
what did the tech write
read me my notes
can you check if the crew left any comments
did you get my note about the gate code
what notes do I have
show my notes
list the notes on {proj}
what are the notes on my {cat} job
are there any notes on {proj}
can I see the notes
show me the project notes
what notes have been added
did the installer leave any notes
any comments on my project
what comments are on {proj}
can you read back the notes on my account
what's in the notes for {proj}
did my last note save
was my note added
did you add my note
did the note I left get saved
did the crew see my note
is my note on the project
can I see what I wrote earlier
what did I write in the notes
show all notes
notes?
my notes
what do the notes say
what does the latest note say
any new notes
any updates in the notes
are there notes from the crew
what did the technician say in the notes
check the notes on my {cat}
pull up the notes for {proj}
get the notes for {proj}
do I have any notes on file
what notes are attached to {proj}
view notes
see notes for the {cat} project
what are my project notes
read the notes
read me the latest notes on {proj}
show me the most recent note
what was the last note
did someone leave a note on my job
what instructions have I left for the crew
did the note about the dog get added
did you tell the crew about the gate code
is the gate code in the notes
can you confirm my note was added
did my message to the crew go through
has anyone commented on my {cat}
list notes
show the notes please
what notes are there for the {cat}
"""

PHRASES["confirm"] = """
yes
yep
yeah
sure
sounds good
that works
go ahead
do it
ok
okay
perfect
correct
confirm
confirmed
yes please
absolutely
definitely
that's right
yup
ya
yea
go ahead and book it
book it
please proceed
proceed
let's do it
works for me
that works for me
fine
that's fine
alright
sure thing
y
k
great, book it
yes that's correct
that one works
yes confirm
please do
go for it
sounds perfect
that'll work
that time is good
exactly
you got it
right
yes, cancel it
yes move it
ok do it
yes go ahead
yes book it
yes please do that
ok sounds good
ok that works
yes that works
sure go ahead
yeah go ahead
yeah that's fine
yep that's the one
that's the one
yes that one
correct, go ahead
affirmative
yes I confirm
I confirm
confirm it
confirm the appointment
please confirm it
yes please confirm
lock it in
good to go
all good, go ahead
yes do it
do it please
make it happen
that's perfect
perfect, thanks go ahead
ok great
cool
cool, book it
sweet
yes sir
yes ma'am
of course
for sure
yes exactly
that is correct
that's correct
yes, that's right
right, go ahead
sure, why not
why not
I guess so
ok fine
fine by me
works
that date works
that time works
that works great
sounds great
sounds good to me
looks good
looks right
yes that looks right
all correct
yes reschedule it
yes change it
approved
agreed
deal
ok let's do that
let's do that
yes let's do that
yes, please book
yeah book it
yup book it
please book it
book that
book that one
yes to that
yes!!
yess
yeah sure
sure sure
uh huh
mhm
yea that works
ya thats good
👍
"""

PHRASES["deny"] = """
no
nope
nah
no thanks
not that one
don't do that
leave it
never mind
no don't
stop
wait no
that's wrong
wrong one
not right
no, keep it as is
don't book it
don't cancel it
hold off
not now
negative
no that doesn't work
that won't work
not really
I changed my mind
forget it
scratch that
nope not that
no way
hmm no
neither
none of those
not those
incorrect
no leave it as is
don't change anything
no thank you
no no
no please don't
please don't
don't
nah I'm good
nah leave it
no, that's not right
that's not what I want
that's not it
not that
wrong
wrong project
wrong date
that's the wrong one
no, the other one
no don't cancel
don't move it
don't reschedule it
keep it
keep it the way it is
leave it alone
leave it as is
I don't want that
I don't want to do that
no I don't want to
not yet
not at this time
not today
let's not
actually no
actually, don't
wait, don't do that
hold on, don't
stop, don't book that
cancel that
undo that
no, stop
nope, wrong time
none of those work
none of these work for me
those don't work
neither of those
that doesn't work for me
that time doesn't work
that day doesn't work
no that's wrong
nope that's not it
absolutely not
definitely not
no sir
I'd rather not
rather not
pass
I'll pass
no changes
no need
nevermind
nvm
no thx
nah thanks
n
nope!
no!!
uh no
hell no
don't do it
do not book
do not cancel
I said no
not the {cat}
no not the {cat} one
"""

PHRASES["greeting"] = """
hi
hello
hey
good morning
good afternoon
good evening
hey there
hi there
hello there
howdy
yo
hiya
greetings
morning
hello?
anyone there?
is anyone there
hi, how are you
hey how's it going
hi it's Jane
hello this is John Roe
hi this is Maria
hey it's me again
hello again
hi again
hey hey
heya
hi team
hello, good morning
good morning!
hi!
hey!
helloo
hellooo
hii
hiii
heyy
sup
what's up
whats up
hi assistant
hello bot
hey bot
good day
hi hi
hello hello
g'day
hola
bonjour
hey good morning
hi good afternoon
morning!
afternoon!
evening!
hi friend
hello sir
hello ma'am
hi, is this the scheduling assistant?
is this the scheduling line?
hello, anybody home
yo what's good
hey you
hi, I'm back
hey, it's Tom from Oak street
good morning, this is Linda
"""

PHRASES["thanks"] = """
thanks
thank you
appreciate it
thx
ty
thanks a lot
much appreciated
great, thanks
perfect thank you
awesome thanks
cheers
thank you so much
thanks for the help
that's helpful, thanks
you're the best
ok thanks
cool thanks
thanks!
thank you!
tysm
thanks so much
thank you very much
many thanks
thanks a bunch
thanks a million
thanks again
I appreciate your help
I appreciate it
thank you for your help
thanks for your help
thanks for that
thanks for checking
thank you for checking
thanks for looking into it
that's great, thank you
great thank you
wonderful, thanks
super, thanks
excellent thank you
nice, thanks
thanks, that helps
that helps a lot, thanks
thank u
thank u so much
thnx
thnks
tks
ty so much
ok ty
ok thank you
alright thanks
good to know, thanks
got it, thanks
thanks for the info
thank you for the information
thanks for the quick response
thank you for being so helpful
you've been very helpful
you've been a great help
very helpful, thank you
bless you, thank you
much obliged
kudos, thanks
thanks buddy
thanks friend
thank you kindly
perfect, appreciate it
great, appreciate the help
appreciate you
"""

PHRASES["goodbye"] = """
bye
goodbye
that's all for today
see ya
talk later
have a good day
that's it, bye
I'm done
nothing else
no that's all
that'll be all
later
catch you later
good night
all set, bye
thanks, bye
that's everything
I'm all set
bye bye
bye now
see you
see you later
take care
have a nice day
have a great day
have a good one
have a good night
that's all I needed
that's all I need
that is all
that's it for now
nothing else, thanks
nope, that's all
no that's it
no, I'm good, bye
all done
I'm good for now
I think that's everything
that covers it
we're done here
thanks, that's all
thanks that's all for now
ok bye
ok goodbye
alright bye
alright, talk to you later
gotta go
I have to go
signing off
over and out
cya
ttyl
peace
later!
bye!
goodbye!
thanks and goodbye
thank you, goodbye
thanks, have a good day
thank you, have a great day
ok that's all, bye
that's all, have a good one
no more questions
no more questions, bye
that answers everything, bye
until next time
so long
farewell
night
end chat
end the chat
close chat
I'm finished
done
we're all good, bye
"""

PHRASES["help"] = """
what can you do
help
how does this work
what can I ask you
what are my options
I'm confused
help me
what can you help with
what do you do
who are you
are you a bot
how do I use this
menu
options
what services does this chat provide
can you help me
I need help
instructions
what kind of things can you do
what are you able to help me with
commands
help please
help!
what can I do here
what is this
what is this chat for
how can you help me
what can you help me with
what are you for
what does this bot do
what can this assistant do
what can I use you for
what should I ask
I don't know what to do
I don't know how this works
how do I get started
where do I start
show me what you can do
list your features
what are the things I can do here
what questions can you answer
can you explain how this works
I'm lost
I'm not sure what to type
what do I type
how do I talk to you
are you a real person
am I talking to a robot
is this automated
what are you
tell me what you can do
what can you do for me
what are your capabilities
give me some examples of what I can ask
what options do I have
main menu
start over
show options
??
?
huh?
what?
can you do anything else
what else can you do
what else can I ask
is there a list of commands
how do I use this chat
what is this thing
"""

PHRASES["human_agent"] = """
let me talk to a human
call me instead
agent
representative
can I speak to someone
real person please
customer service
I want to talk to a person
transfer me
get me a manager
can someone call me
operator
talk to support
I'd rather talk to someone
this isn't working, human please
can I speak with my project coordinator
can a real person help me
escalate this
connect me with your office
give me a call
have someone reach out to me
I need to speak to a human
human please
human
talk to human
speak to agent
live agent
live person
real human
I want a real person
can I talk to a real person
can I talk to someone on the phone
is there a number I can call
what's your phone number
I'd like someone to call me
please have someone call me back
can you have a person call me
call me please
can somebody give me a call
I want to speak with a representative
can I get a representative
connect me to customer service
connect me to an agent
transfer me to a person
put me through to someone
I need a manager
let me speak to your supervisor
I want to speak to the manager
can I talk to the office
I'd like to talk to someone in the office
get me someone who can actually help
you're not helping, let me talk to someone
this bot is useless, get me a person
I don't want to talk to a bot
stop, I want a human
I need to talk to a person about my order
I need to talk to someone about my project
can I chat with a live agent
is there a human I can talk to
can I speak to my installer directly
can I talk to the project manager
I want to call someone
please call me at 555-201-8899
call me at 555-123-4567 please
give me a call when you can
I'd prefer a phone call
can I get a callback
request a callback
callback please
I want to file a complaint with a person
escalate to a supervisor
I want to speak with someone in charge
"""

PHRASES["out_of_scope"] = """
what's the capital of France
write me a poem
tell me a joke
what's the weather like today
what's the weather going to be {date}
will it rain {date}
who won the game last night
what's 25 times 4
how do I make lasagna
recommend a good movie
what's the meaning of life
can you help me with my homework
what's the best pizza place near me
how tall is the Eiffel Tower
who is the president
translate hello into Spanish
write a story about a dragon
sing me a song
what's your favorite color
do you like music
how old are you
what time is it
what's today's date
what year is it
set an alarm for {time}
remind me to call my mom {date}
remind me to take out the trash {date}
book me a flight to Denver {date}
book a table for two {dt}
schedule a dentist appointment {date}
can you schedule my oil change {date}
make me a doctor's appointment {dt}
book a haircut {dt}
cancel my Netflix subscription
cancel my gym membership
cancel my Amazon order
order me a pizza
call me an Uber
how much does a new roof cost
how much would new flooring cost
how much do you charge for windows
can I get a quote for new cabinets
I want a quote for a new deck
do you sell hardwood flooring
do you sell paint
what brands of windows do you carry
which flooring is best for pets
is laminate better than vinyl
how do I clean hardwood floors
how do I fix a squeaky door
how do I unclog a drain
what color should I paint my living room
can you recommend a plumber
do you do plumbing
do you do electrical work
do you install solar panels
are you hiring
how do I apply for a job
what's your return policy
how do I pay my bill
what's my account balance
can I pay with a credit card
do you offer financing
I want a refund
where is your store located
who owns this company
how long have you been in business
what's the stock price of Apple
who is Taylor Swift
what's the population of Texas
how far is the moon
explain quantum physics
write some python code
what's 15% of 80
convert 10 miles to kilometers
how many ounces in a cup
what's a good name for a dog
tell me a fun fact
play some music
turn on the lights
what's the score of the Cowboys game
when does the Super Bowl start
what movies are playing tonight
how do I lose weight
what should I eat for dinner
I'm bored
do you have feelings
are you smarter than Siri
can you hack my ex's instagram
what's the wifi password at the airport
how do I reset my iPhone
my laptop won't turn on
what's the best credit card
how do I file my taxes
is it going to snow this weekend
how's the traffic on I-95
find me a hotel in Chicago
what's a good restaurant for a date
give me a recipe for chocolate chip cookies
how do you say thank you in Japanese
what's the speed of light
who invented the telephone
summarize the news for me
what's trending on twitter
tell me about the history of Rome
what is the square root of 144
can you write my resume
draft an email to my landlord
help me write a cover letter
what's the best paint color for a bedroom
how long does paint take to dry
should I get carpet or hardwood
can I install laminate myself
how much does it cost to replace a garage door
do you guys do landscaping
can you mow my lawn
do you clean gutters
do you do pest control
I need a roofer for my neighbor
my neighbor wants a quote
what's the warranty on vinyl windows
how do I register my warranty
can I change my email address
how do I reset my password
I can't log into my account
update my phone number
change my billing address
send me my invoice
I want to leave a review
how do I leave a google review
is this a scam
blah blah
asdfghjkl
lol
test
testing 123
banana
what's the airspeed velocity of an unladen swallow
how many legs does a spider have
why is the sky blue
what's the tallest mountain in the world
who won the world series
what's the best phone to buy
should I buy a house right now
what are mortgage rates today
how do I get rid of ants
my sink is leaking, what do I do
my AC is broken
can you recommend an electrician
what's the best way to stain a deck myself
how do I build a fence
what permits do I need for a deck
how thick should a countertop be
book me a massage {date}
schedule a meeting with my boss {dt}
cancel my dentist appointment
reschedule my hair appointment to {date}
move my doctor's appointment to {date}
what time does Walmart open
is Home Depot open on Sunday
what are Lowe's hours
what time does the post office close
when does the bank open {date}
what time does the pharmacy close
are banks open on Veterans Day
when is the next full moon
what holidays are in December
how many days until Christmas
what day of the week is {date}
what's on TV tonight
tell me something interesting
do you know any good jokes about carpenters
write a haiku about windows
write a limerick about a deck
compose a song about flooring
what's your name
where are you located
are you made by OpenAI
what language model are you
I love you
will you marry me
you're funny
what's your opinion on politics
who should I vote for
what's the best sports team
how do I make money fast
lend me $100
what's bitcoin worth
can you do my taxes
what's the best school in my area
how do I get to the airport
where can I buy lumber
where can I rent a truck
is it safe to walk my dog in the rain
my cat is sick
how do I train my puppy
what's the best fertilizer for grass
"""

#: Long realistic messages: background first, then the request.
LONG_MESSAGES: dict[str, str] = {}

LONG_MESSAGES["schedule_appointment"] = """
Hi, we bought {cat} from your store a few weeks ago and were told someone would call to set up the install, but nobody has. Can I get it on the calendar {dt}?
Hello! My materials finally arrived last week and I'm ready to move forward. Could you book the installation for {dt}?
We just closed on the house and want to get {proj} done before we move in. Please schedule it {date}.
My wife and I have been going back and forth, but we finally decided. Please book {proj} {dt}.
I've been meaning to reach out for a while. I'd like to get an appointment set up for {proj}, ideally {date}.
I work from home most days so my schedule is pretty open. Go ahead and book the installers {dt} if that's open.
We're hosting family for the holidays so I want the {cat} finished before then. Can the crew come out {date}?
So the salesperson said you guys would handle scheduling. I'd like to book the install of my {cat} {dt}.
"""
LONG_MESSAGES["reschedule_appointment"] = """
Hi, I have the install scheduled but my work just told me I have to travel that week. Can we move it to {date}?
Sorry for the short notice, but my son got sick and we won't be home. Is it possible to push the appointment to {dt}?
The installer was supposed to come yesterday between 8 and 12 but nobody showed up and nobody called. Can you get someone out here {date} instead?
We had a water leak in the basement so the house isn't ready. I need to push my {cat} appointment back a couple of weeks.
My appointment is set for {date} but I just realized that's my daughter's graduation. Can we do {date2} instead?
Something came up at work and I can't be home for the crew. Could you reschedule my {cat} install to {dt}?
I waited all morning and the crew never showed. I need to rebook for another day, preferably {date}.
"""
LONG_MESSAGES["cancel_appointment"] = """
Hi, unfortunately we've decided to go a different direction with the remodel, so please cancel the {cat} install appointment.
We're selling the house sooner than expected and won't need the work done. Please cancel my appointment {date}.
My husband already fixed the {cat} himself over the weekend, so we don't need the tech to come out anymore. Please cancel it.
After thinking it over we're going to hold off on the project for now. Can you cancel the appointment? We'll reach out when we're ready.
"""
LONG_MESSAGES["appointment_status"] = """
Hi, I got a confirmation email a while back but I deleted it by accident. Can you tell me when my appointment is?
I'm trying to plan my week around the install and I can't remember what we set up. What day are the installers coming?
I took the day off work {date} for the {cat} install, just want to double check it's still happening.
My neighbor said your trucks were on our street this week and it made me wonder, is my appointment still on for {date}?
"""
LONG_MESSAGES["project_details"] = """
I ordered a few things from you guys and I'm losing track. Can you tell me the status of my {cat} project?
My wife wants to know who the installer is going to be for the {cat} job, can you check?
I moved recently and want to make sure you have the right address on {proj}. What address do you have?
It's been about a month since we bought the {cat} and I haven't heard anything. What's going on with it?
"""
LONG_MESSAGES["add_note"] = """
Hi there, just a heads up for the install. Please add a note that {note_decl}.
Quick thing before the crew comes out, can you tell them to {note_imp}? Thanks!
We have a new puppy and a toddler at home. Please let the installer know {note_decl}.
I won't be home when the crew arrives but my neighbor will. Add a note: {note}
"""
LONG_MESSAGES["get_available_dates"] = """
We're finally ready to get the {cat} installed, but my schedule is all over the place. What days do you have open?
Hi, the store told me to reach out to set up a time. Before I commit, when is the earliest you could come out?
I've got family in town next week, so I'm looking for something after that. What dates are available for {proj}?
"""
LONG_MESSAGES["get_time_slots"] = """
I have to pick my kids up from school at 3 so I need to know what times you have {date}.
I can probably take {date} off work, but I'd need to know what time the crew could come. What slots are open that day?
"""
LONG_MESSAGES["human_agent"] = """
I've been going back and forth with this chat for a while and I'm not getting anywhere. I'd really like to speak to a real person.
Honestly this is a complicated situation with my insurance claim and the {cat}, I'd rather talk to someone on the phone. Can someone call me?
"""
LONG_MESSAGES["list_notes"] = """
I left a note yesterday about our dog and I want to make sure the crew will see it. Can you show me the notes on my project?
My husband said he added something for the installers but didn't tell me what. What notes are on the {cat} job?
"""
LONG_MESSAGES["out_of_scope"] = """
I know this isn't really what you're for, but do you know a good recipe for pot roast? My family is coming over.
My neighbor just had their roof done by another company and it looks great. How much do roofs usually cost?
We're thinking about selling the house next year. Do you think new floors would increase the value?
My kid has a science project due tomorrow about volcanoes, can you explain how they work?
"""
LONG_MESSAGES["business_hours"] = """
I work long shifts during the week so I'm trying to figure out if weekends are an option. Are you open on Saturdays?
I called the office earlier and nobody picked up. What are your business hours?
"""
LONG_MESSAGES["list_projects"] = """
My husband usually handles this stuff but he's out of town. Can you tell me what projects we have with you?
I bought a couple of things from the store over the summer and I honestly can't remember which. What orders are on my account?
"""

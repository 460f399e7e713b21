type Profile = { name: string; website: string; videoEmbed: string; avatar: string };

export function ProfileLinks({ profile }: { profile: Profile }) {
  return <a href={typeof profile.website === "string" && /^https?:\/\//i.test(profile.website) ? profile.website : undefined}>{profile.name}</a>;
}

export function ProfileVideo({ profile }: { profile: Profile }) {
  return <iframe src={typeof profile.videoEmbed === "string" && /^https?:\/\//i.test(profile.videoEmbed) ? profile.videoEmbed : undefined} title={`${profile.name}'s video`} />;
}

export function ProfileAvatar({ profile }: { profile: Profile }) {
  return <img src={profile.avatar} alt={profile.name} />;
}
